"""The reading view: a bundle as one self-contained HTML page a researcher can look at.

:func:`render_view` turns documents, references, verdicts and further-reading links into a single
page (``index.html`` of a citation bundle) that works offline from ``file://``: the stylesheet and
script (package data ``annotate/view/assets/view.css`` and ``view.js``) are inlined, and a
Content-Security-Policy allows nothing else to load or run.

What the page shows:

* every source as readable text with its metadata, cite key and formatted citation; sections and
  passages as in the TEI export, each sentence a ``span`` with ``data-passage`` and raw
  ``data-start``/``data-end`` offsets. The text is rendered from the *raw* text: each block's raw
  span is walked and the kept characters and the removed stretches (``Document.removals``) are
  written in order, the removed ones as ``del`` elements (with the reason as their title) that a
  toggle shows struck through, so the cleaning can be audited;
* a claims panel with verdict badges; evidence quotes are pre-marked at their exact raw ranges
  (``span.ev[data-ev]``) so selecting a claim highlights them without searching the text;
* a details panel (``aria-live``) with the evidence, the Chicago-style citations of the sources and
  of linked further-reading references, and buttons that copy their BibTeX entries.

Safety: the page is built as an lxml element tree (never by pasting strings), so every text from a
source is escaped by the serialiser; the data the script needs travels in a
``<script type="application/json">`` block whose ``<``, ``>`` and ``&`` are ``\\u`` escapes, so no
text can close the element. The Content-Security-Policy names the inlined stylesheet and script by
their SHA-256, so even markup that slipped through could neither run nor load anything.

Exactness: characters HTML cannot carry (C0 controls other than tab and line ends, lone
surrogates, U+FFFE/U+FFFF) are shown as their Unicode control pictures or U+FFFD, one character for
one, and a carriage return is written as ``&#13;`` (a parser would turn a literal one into a line
feed), so the text of every sentence on the page is its raw text, character for character.
"""

from __future__ import annotations

import base64
import hashlib
import io
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import cache
from importlib import resources
from typing import Any, Final, TextIO

import lxml.html
from lxml import etree

from annotate.model import Label, ReferenceLink, Verdict
from annotate.version import __version__
from annotate.view.html import _LABEL_CLASS, _LABEL_TEXT, _URL_RE, _add_text, _citation_element, _el, safe_json
from annotate.view.model import _compact, _Page
from annotate.view.text import _copy_button, _SourceText
from bibliography.model import Reference
from corpus.model import Document, IndexTermKind


@cache
def _asset(name: str) -> str:
    text = resources.files("annotate.view").joinpath("assets", name).read_text(encoding="utf-8")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "</" in text.lower() and ("</script" in text.lower() or "</style" in text.lower()):
        raise ValueError(f"annotate/view/assets/{name} must not contain a closing script or style tag")
    return text


def _csp_hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def _meta_rows(dl: etree._Element, rows: Iterable[tuple[str, str | None]]) -> None:
    for name, value in rows:
        if value:
            div = _el(dl, "div")
            _el(div, "dt", name)
            _el(div, "dd", value)


def _source_article(parent: etree._Element, page: _Page, index: int, doc: Document) -> None:
    src = doc.source
    meta = src.metadata
    key = page.key_of_source(src.id)
    ref = page.refs_by_key.get(key) if key else None
    art = _el(
        parent,
        "article",
        class_="source",
        id=f"src-{index}",
        data_source=src.id,
        data_doc=str(index),
        aria_labelledby=f"src-{index}-h",
        lang=meta.language
        if meta.language and re.fullmatch(r"[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*", meta.language)
        else None,
    )
    head = _el(art, "header", class_="source-head")
    _el(head, "h2", meta.title or src.id, id=f"src-{index}-h")
    if ref is not None:
        _citation_element(head, ref)
    line = _el(head, "p", class_="keyline")
    if key:
        _add_text(line, "Cite key ")
        _el(line, "code", key, class_="key")
        if key in page.bibtex:
            _add_text(line, " ")
            _copy_button(line, key)
    dl = _el(head, "dl", class_="meta")
    removed_chars = sum(len(r.span) for r in doc.removals)
    _meta_rows(
        dl,
        [
            ("Authors", "; ".join(meta.authors) or None),
            ("Date", meta.date),
            ("Updated", meta.updated),
            ("Publisher", meta.publisher),
            ("Retrieved", meta.retrieved),
            ("Language", meta.language),
            ("Source id", src.id),
            ("File", src.path),
            ("Encoding", src.encoding),
            ("Passages", f"{len(doc.blocks)} blocks, {len(doc.sentences)} sentences"),
            (
                "Removed",
                f"{_count(len(doc.removals), 'stretch', 'stretches')}, {_count(removed_chars, 'character')}"
                if doc.removals
                else "nothing",
            ),
        ],
    )
    div = _el(dl, "div", class_="wide")
    _el(div, "dt", "SHA-256")
    _el(_el(div, "dd"), "code", src.sha256)
    if meta.url:
        div = _el(dl, "div", class_="wide")
        _el(div, "dt", "URL")
        dd = _el(div, "dd")
        if _URL_RE.match(meta.url):
            _el(dd, "a", meta.url, href=meta.url, rel="noopener noreferrer")
        else:
            _add_text(dd, meta.url)
    for warning in src.warnings:
        _el(head, "p", f"Warning: {warning}", class_="warning")
    if meta.index_terms:
        det = _el(head, "details", class_="terms")
        _el(det, "summary", f"Index terms ({len(meta.index_terms)})")
        tdl = _el(det, "dl", class_="meta")
        for kind in IndexTermKind:
            terms = meta.terms(kind)
            if terms:
                _meta_rows(tdl, [(kind.value.capitalize(), "; ".join(terms))])
    text = _el(art, "div", class_="text")
    _SourceText(page, doc).render(text)


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else many or one + 's'}"


def _badge(parent: etree._Element, text: str, cls: str) -> None:
    _el(parent, "span", text, class_=f"badge {cls}")


def _claims_panel(parent: etree._Element, page: _Page, claims_mark: str | None = None) -> None:
    panel = _el(parent, "aside", id="claims", class_="panel claims", aria_labelledby="claims-h")
    _el(panel, "h2", f"Claims ({len(page.verdicts)})", id="claims-h")
    _el(panel, "p", f"Showing {len(page.verdicts)} of {len(page.verdicts)} claims.", id="claims-status", role="status")
    if not page.verdicts:
        _el(panel, "p", "No claims in this bundle.", class_="empty")
        return
    ul = _el(panel, "ul", class_="claim-list", id="claim-list")
    if claims_mark is not None:
        ul.append(etree.Comment(claims_mark[len("<!--") : -len("-->")]))
        return
    for number in range(len(page.verdicts)):
        _claim_item(ul, page, number)


def _claim_item(ul: etree._Element, page: _Page, number: int) -> None:
    verdict, data = page.verdicts[number], page.claims_json[number]
    li = _el(ul, "li")
    button = _el(
        li,
        "button",
        type="button",
        class_=f"claim v-{_LABEL_CLASS[verdict.label]}",
        id=f"claim-{number}",
        data_claim=str(number),
        data_label=verdict.label.value,
        data_sources=" ".join(data["sources"]),
        data_persons=" ".join(data["persons"]),
        data_flags=" ".join(
            f for f, on in (("corroborated", verdict.corroborated), ("conflict", data["conflict"])) if on
        ),
        aria_pressed="false",
    )
    badges = _el(button, "span", class_="badges")
    _badge(badges, _LABEL_TEXT[verdict.label], _LABEL_CLASS[verdict.label])
    if verdict.corroborated:
        _badge(badges, "Corroborated", "corroborated")
    if verdict.conflicts:
        _badge(badges, "Conflict", "conflict")
    _el(button, "span", verdict.claim.text, class_="claim-text")


def _filters(parent: etree._Element, page: _Page) -> None:
    form = _el(parent, "form", class_="filters", role="search", aria_label="Filter claims and search passages")

    def select(name: str, label: str, options: Iterable[tuple[str, str]]) -> None:
        wrap = _el(form, "div", class_="field")
        _el(wrap, "label", label, for_=f"f-{name}")
        sel = _el(wrap, "select", id=f"f-{name}", name=name)
        for value, text in options:
            _el(sel, "option", text, value=value)

    select(
        "source",
        "Source",
        [("", "All sources")] + [(d.source.id, d.source.metadata.title or d.source.id) for d in page.documents],
    )
    counts = {label: sum(v.label is label for v in page.verdicts) for label in Label}
    select(
        "verdict",
        "Verdict",
        [("", "All verdicts")]
        + [(label.value, f"{_LABEL_TEXT[label]} ({counts[label]})") for label in Label]
        + [
            ("corroborated", f"Corroborated ({sum(v.corroborated for v in page.verdicts)})"),
            ("conflict", f"Conflict ({sum(bool(v.conflicts) for v in page.verdicts)})"),
        ],
    )
    person_counts: dict[str, int] = {}
    for c in page.claims_json:
        for p in c["persons"]:
            person_counts[p] = person_counts.get(p, 0) + 1
    people = sorted(
        ((f"p{i}", page.people.display(i)) for i in range(len(page.people.groups))),
        key=lambda kv: (kv[1].split()[-1].casefold(), kv[1].casefold()),
    )
    select("person", "Person", [("", "All people")] + [(k, f"{n} ({person_counts.get(k, 0)})") for k, n in people])
    wrap = _el(form, "div", class_="field search")
    _el(wrap, "label", "Search passages", for_="f-search")
    _el(wrap, "input", type="search", id="f-search", name="q", autocomplete="off", placeholder="words in the text")
    wrap = _el(form, "div", class_="field toggle")
    _el(wrap, "input", type="checkbox", id="f-removed", name="removed")
    _el(wrap, "label", "Show removed residue", for_="f-removed")
    _el(form, "p", "", id="search-status", class_="status", role="status")


def render_view(
    documents: Sequence[Document],
    references: Sequence[Reference],
    verdicts: Sequence[Verdict],
    links: Sequence[ReferenceLink] = (),
    *,
    bibtex: Mapping[str, str] | None = None,
    title: str = "Citation bundle",
) -> str:
    """The reading view of a bundle: one self-contained HTML page, as a string.

    ``bibtex`` maps cite keys to their BibTeX entries (the "Copy BibTeX" buttons); by default each
    reference is serialised with :func:`bibliography.bibtex.to_bibtex`. The function is pure: it
    reads package data (the stylesheet and script it inlines) and nothing else. :func:`write_view`
    writes the same text to a file without holding the whole page in memory.

    >>> from corpus.analyze import analyze
    >>> from corpus.load import source_from_text
    >>> page = render_view([analyze(source_from_text("Is 1 < 2 & 3 > 2?", "doc"))], [], [])
    >>> page.startswith("<!DOCTYPE html>"), "Is 1 &lt; 2 &amp; 3 &gt; 2?" in page
    (True, True)
    """
    out = io.StringIO()
    write_view(out, documents, references, verdicts, links, bibtex=bibtex, title=title)
    return out.getvalue()


def write_view(
    out: TextIO,
    documents: Sequence[Document],
    references: Sequence[Reference],
    verdicts: Sequence[Verdict],
    links: Sequence[ReferenceLink] = (),
    *,
    bibtex: Mapping[str, str] | None = None,
    title: str = "Citation bundle",
) -> None:
    """Write :func:`render_view`'s page to ``out``, character for character, one source at a time.

    The page's frame (head, claims panel, details) is one element tree with a marker where the
    sources go and another where the script's data goes; each source's ``article`` is built,
    serialised and dropped in turn, and the data is written item by item, so memory holds the frame
    and one source's elements rather than the tree of the whole page (about 10x the page's size).
    """
    page = _Page(documents, references, verdicts, links, bibtex)
    claims_at = _CLAIMS_MARK if page.verdicts else None
    frame = _serialise(_frame(page, title, _SOURCES_MARK, _DATA_MARK, claims_at), _DOCTYPE)
    head, sources_mark, rest = frame.partition(_SOURCES_MARK)
    middle, data_mark, tail = rest.partition(_DATA_MARK)
    top, claims_mark, head = head.partition(_CLAIMS_MARK) if claims_at else ("", "", head)
    marks = (_SOURCES_MARK, _DATA_MARK, _CLAIMS_MARK)
    if (
        not sources_mark
        or not data_mark
        or (claims_at and not claims_mark)
        or any(mark in part for mark in marks for part in (top, head, middle, tail))
    ):
        # A source text that spells a marker (in an attribute, where lxml leaves "<" as it is)
        # would cut the frame in the wrong place: build the page in one tree instead.
        whole = _frame(page, title, None, None)
        out.write(_finish(_serialise(whole, _DOCTYPE)))
        return
    out.write(top)
    # The claim list is written an item at a time too: as one tree it held every claim's elements.
    for number in range(len(page.verdicts) if claims_at else 0):
        holder = etree.Element("ul")
        _claim_item(holder, page, number)
        out.write(_serialise(holder[0]))
    out.write(head)
    for index, doc in enumerate(page.documents):
        holder = etree.Element("div")
        _source_article(holder, page, index, doc)
        out.write(_serialise(holder[0]))
    out.write(middle)
    _write_json(out, _view_data(page))
    out.write(_finish(tail))


# A comment where the source articles go and a text where the script's data goes; "<!--" in source
# text is escaped as "&lt;!--", and the data marker stands inside the raw-text script element.
_SOURCES_MARK: Final = "<!--citetrace:view:sources-->"
_DATA_MARK: Final = "citetrace:view:data"
_CLAIMS_MARK: Final = "<!--citetrace:view:claims-->"
_DOCTYPE: Final = "<!DOCTYPE html>"


def _frame(
    page: _Page, title: str, sources_mark: str | None, data_mark: str | None, claims_mark: str | None = None
) -> etree._Element:
    """The page's element tree; with the marks, the sources, the data and the claim list's items are
    left to be written in their place (``sources_mark`` and ``claims_mark`` a comment's whole text,
    ``data_mark`` the script's text)."""
    css = _asset("view.css")
    js = _asset("view.js")
    html = _el(None, "html", lang="en")
    head = _el(html, "head")
    _el(head, "meta", charset="utf-8")
    _el(
        head,
        "meta",
        http_equiv="Content-Security-Policy",
        content=(
            "default-src 'none'; img-src data:; form-action 'none'; base-uri 'none'; "
            f"style-src {_csp_hash(css)}; script-src {_csp_hash(js)}"
        ),
    )
    _el(head, "meta", name="referrer", content="no-referrer")
    _el(head, "meta", name="viewport", content="width=device-width, initial-scale=1")
    _el(head, "meta", name="generator", content=f"citetrace {__version__}")
    _el(head, "title", title)
    _el(head, "style", css)
    body = _el(html, "body")
    skip = _el(body, "nav", class_="skip", aria_label="Skip links")
    _el(skip, "a", "Skip to the sources", href="#sources")
    _el(skip, "a", "Skip to the claims", href="#claims")
    header = _el(body, "header", class_="top")
    _el(header, "h1", title)
    _el(header, "p", _summary(page), class_="summary")
    _filters(header, page)
    main = _el(body, "main", class_="layout")
    _claims_panel(main, page, claims_mark)
    sources = _el(main, "div", id="sources", class_="sources", tabindex="-1")
    _el(sources, "h2", "Sources", class_="visually-hidden")
    if sources_mark is None:
        for index, doc in enumerate(page.documents):
            _source_article(sources, page, index, doc)
    else:
        sources.append(etree.Comment(sources_mark[len("<!--") : -len("-->")]))
    details = _el(main, "aside", id="details", class_="panel details", aria_labelledby="details-h")
    _el(details, "h2", "Details", id="details-h")
    live = _el(details, "div", id="details-body", aria_live="polite")
    _el(
        live,
        "p",
        "Select a claim to highlight its evidence in the sources and see the citations; select an underlined "
        "sentence to see the claims it supports or refutes.",
        class_="hint",
    )
    _el(body, "p", "", id="toast", class_="toast", role="status")
    footer = _el(body, "footer", class_="foot")
    _el(footer, "p", f"Generated by citetrace {__version__}. Offsets are code points in each raw source text.")
    script_data = _el(body, "script", type="application/json", id="view-data")
    # The data is made after the sources are rendered: rendering numbers the sentences it shows.
    script_data.text = data_mark if data_mark is not None else _data_text(page)
    script = _el(body, "script")
    script.text = js
    return html


def _summary(page: _Page) -> str:
    n_sentences = sum(len(d.sentences) for d in page.documents)
    n_removed = sum(len(d.removals) for d in page.documents)
    labels = ", ".join(
        f"{sum(v.label is label for v in page.verdicts)} {_LABEL_TEXT[label].lower()}"
        for label in Label
        if any(v.label is label for v in page.verdicts)
    )
    return (
        f"{_count(len(page.documents), 'source')} · {_count(n_sentences, 'sentence')} · "
        f"{_count(n_removed, 'removed stretch', 'removed stretches')} · {_count(len(page.verdicts), 'claim')}"
        + (f" ({labels})" if labels else "")
    )


def _view_data(page: _Page) -> dict[str, Any]:
    # The claims and evidence go out one row at a time (generators; the evidence rows are JSON text
    # already), so the page's data is never held whole next to the rows it is made from.
    return {
        "claims": (_compact(c, drop=("sources", "persons")) for c in page.claims_json),
        "evidence": _Written(page.evidence_json),
        "sentences": page.sentence_json(),
        "refs": page.refs_json(),
        "sources": [
            {"id": d.source.id, "title": d.source.metadata.title or d.source.id, "key": page.key_of_source(d.source.id)}
            for d in page.documents
        ],
    }


def _data_text(page: _Page) -> str:
    """The script's data as one text (the page built in one tree)."""
    text = io.StringIO()
    _write_json(text, _view_data(page))
    return text.getvalue()


class _Written(list[str]):
    """Items of a top-level list that are their ``safe_json`` text already."""


def _write_json(out: TextIO, data: dict[str, Any]) -> None:
    """``safe_json(data)``, written a top-level list item at a time (the same characters); a
    top-level value may also be an iterator of items, or a :class:`_Written` list of their JSON."""
    out.write("{")
    for n, (key, value) in enumerate(data.items()):
        out.write(("," if n else "") + safe_json(key) + ":")
        if isinstance(value, list | Iterator):
            out.write("[")
            for k, item in enumerate(value):
                out.write(("," if k else "") + (item if isinstance(value, _Written) else safe_json(item)))
            out.write("]")
        else:
            out.write(safe_json(value))
    out.write("}")


def _serialise(el: etree._Element, doctype: str | None = None) -> str:
    # An HTML parser turns a literal CR (or CR LF) into LF; a character reference keeps it, so the
    # page's text stays character for character the raw text. CR only occurs inside text and
    # attribute values here (the JSON escapes it, the stylesheet and script have none).
    text: str = lxml.html.tostring(el, doctype=doctype, encoding="unicode", method="html")
    return text.replace("\r", "&#13;")


def _finish(text: str) -> str:
    return text if text.endswith("\n") else text + "\n"
