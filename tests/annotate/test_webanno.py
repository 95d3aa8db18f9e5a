"""Tests for the W3C Web Annotation export (annotate.webanno)."""

from __future__ import annotations

import copy
import io
import json

from hypothesis import HealthCheck, given, settings

from annotate.model import evidence_table
from annotate.webanno import (
    CONTEXT,
    CONTEXT_CHARS,
    check_web_annotations,
    source_iri,
    to_jsonld,
    web_annotations,
    write_web_annotations,
)
from tests.annotate.conftest import full_corpora


def _collection(content):
    raws = {d.source.id: d.source.raw for d in content.documents}
    return web_annotations(content.verdicts, raws), raws


def test_each_evidence_is_an_annotation_with_both_selectors(embedded_content) -> None:
    collection, raws = _collection(embedded_content)
    assert collection["@context"] == CONTEXT
    assert collection["type"] == "AnnotationCollection"
    items = collection["first"]["items"]
    rows = [row for rows in evidence_table(embedded_content.verdicts) for row in rows]
    assert collection["total"] == len(items) == len(rows) > 0
    for ann, (ev_id, ev) in zip(items, rows, strict=True):
        assert ann["type"] == "Annotation"
        assert ann["id"] == f"#{ev_id}"
        target = ann["target"]
        assert target["source"]["id"] == source_iri(ev.source) == f"sources/{ev.source}.txt"
        quote, position = target["selector"]
        assert quote["type"] == "TextQuoteSelector" and position["type"] == "TextPositionSelector"
        raw = raws[ev.source]
        start, end = position["start"], position["end"]
        assert (start, end) == (ev.span.start, ev.span.end)
        assert raw[start:end] == quote["exact"] == ev.quote
        assert quote["prefix"] == raw[max(0, start - CONTEXT_CHARS) : start]
        assert quote["suffix"] == raw[end : end + CONTEXT_CHARS]
        purposes = {b["purpose"]: b["value"] for b in ann["body"]}
        assert purposes["assessing"] == ev.relation.value
    assert check_web_annotations(collection, {source_iri(s): r for s, r in raws.items()}) == []


def test_output_is_deterministic_json(embedded_content) -> None:
    a = to_jsonld(_collection(embedded_content)[0])
    b = to_jsonld(_collection(embedded_content)[0])
    assert a == b
    assert a.endswith("\n")
    assert json.loads(a)["first"]["type"] == "AnnotationPage"
    assert "generated" not in a  # no timestamps


def test_check_reports_each_way_a_selector_can_be_wrong(embedded_content) -> None:
    collection, raws = _collection(embedded_content)
    by_iri = {source_iri(s): r for s, r in raws.items()}

    def broken(edit) -> list[str]:
        c = copy.deepcopy(collection)
        edit(c["first"]["items"][0])
        return check_web_annotations(c, by_iri)

    def shift(a) -> None:
        a["target"]["selector"][1]["start"] += 1

    def exact(a) -> None:
        a["target"]["selector"][0]["exact"] += "x"

    def prefix(a) -> None:
        a["target"]["selector"][0]["prefix"] = "nope"

    def source(a) -> None:
        a["target"]["source"]["id"] = "sources/missing.txt"

    def selector(a) -> None:
        del a["target"]["selector"][1]

    assert any("exact quote differs" in f for f in broken(shift))
    assert any("exact quote differs" in f for f in broken(exact))
    assert any("prefix differs" in f for f in broken(prefix))
    assert any("is not a bundled source" in f for f in broken(source))
    assert any("needs a TextQuoteSelector and a TextPositionSelector" in f for f in broken(selector))
    assert check_web_annotations([], by_iri) == ["annotations: not a JSON object"]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(full_corpora())
def test_generated_evidence_always_locates_its_quote(corpus) -> None:
    docs, _refs, verdicts, _links = corpus
    raws = {d.source.id: d.source.raw for d in docs}
    collection = web_annotations(verdicts, raws)
    assert check_web_annotations(json.loads(to_jsonld(collection)), {source_iri(s): r for s, r in raws.items()}) == []


def test_streamed_writing_gives_the_same_text(embedded_content) -> None:
    raws = {d.source.id: d.source.raw for d in embedded_content.documents}
    for verdicts in (embedded_content.verdicts, embedded_content.verdicts[:1], ()):
        out = io.StringIO()
        count = write_web_annotations(out, verdicts, raws, version="9.9")
        expected = to_jsonld(web_annotations(verdicts, raws, version="9.9"))
        assert out.getvalue() == expected
        assert count == json.loads(expected)["total"]
