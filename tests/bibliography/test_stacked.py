"""Stacking: the rule parser's field of every token, as features of the learned labeler."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from bibliography.model import Person, Reference
from bibliography.parse.crf import load_model
from bibliography.parse.reference import parse_reference
from bibliography.parse.stacked import complete, rule_features, rule_fields
from bibliography.parse.tokens import token_features, tokenize


def test_fields_follow_the_rule_parse_of_a_journal_article():
    text = "Ortega, L., and P. Hale. 2004. Salt marsh birds. Coastal Studies 8 (2): 11-19."
    fields = rule_fields(tokenize(text), text, parse_reference(text))
    words = [t.text for t in tokenize(text)]
    assert dict(zip(words, fields, strict=True)) == {
        "Ortega": "authors", "L": "authors", "and": "none", "P": "authors", "Hale": "authors", "2004": "year",
        "Salt": "title", "marsh": "title", "birds": "title", "Coastal": "container_title",
        "Studies": "container_title", "8": "volume", "2": "issue", "11": "pages", "19": "pages",
    }  # fmt: skip


def test_a_longer_value_is_placed_before_a_shorter_one_inside_it():
    # "York" (place) also occurs inside the title; the title is placed first, the place where it is free.
    text = "Old York Streets. York: Minster Books, 1970."
    ref = Reference(title="Old York Streets", place="York", publisher="Minster Books", year="1970")
    assert rule_fields(tokenize(text), text, ref) == ["title"] * 3 + ["place", "publisher", "publisher", "year"]


def test_values_are_found_across_line_breaks_and_unplaced_words_are_none():
    text = "Quill, Ada.\nCanal   Locks of\nthe Midlands (notes)"
    ref = Reference(title="Canal Locks of the Midlands", authors=(Person(family="Quill", given="Ada"),))
    assert rule_fields(tokenize(text), text, ref) == ["authors", "authors", *["title"] * 5, "none"]


def test_the_sure_feature_marks_a_complete_rule_parse_only():
    text = "Quill, Ada. 1950. Canal Locks. Leeds: Tow Press."
    ref = parse_reference(text)
    assert complete(ref)
    assert all("r=title|sure" in f for f, w in zip(rule_features(tokenize(text), text, ref), tokenize(text),
                                                    strict=True) if w.text == "Canal")  # fmt: skip
    partial = parse_reference("Canal Locks of the Midlands")
    assert not complete(partial)
    feats = rule_features(tokenize("Canal Locks"), "Canal Locks", partial)
    assert not any(f.endswith("|sure") for fs in feats for f in fs)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.sampled_from("Ab1 .,:;()“”-"), min_size=1, max_size=60).filter(lambda s: s.strip()))
def test_no_token_repeats_a_feature(text):
    # Training counts a feature once per token (a set); Viterbi adds every listed feature, so a repeat
    # would weigh twice at run time what training weighed once.
    toks = tokenize(text)
    rule = parse_reference(text)
    for own, stacked in zip(token_features(toks, text), rule_features(toks, text, rule), strict=True):
        feats = own + stacked
        assert len(feats) == len(set(feats))


def test_packaged_model_is_stacked_and_parses_deterministically():
    model = load_model()
    assert any(f.startswith("r=") for f in model.weights)
    raw = "Ortega, L. 2004. Salt marsh birds. Coastal Studies 8 (2): 11-19."
    assert parse_reference(raw, learned=True) == parse_reference(raw, learned=True)
