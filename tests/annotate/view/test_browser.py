"""The reading view in a real browser: Debian's chromium, headless, driven by Playwright.

The page is loaded from disk (``file://``) exactly as a researcher would open a bundle. The tests
click claims and sentences, use the keyboard, filter, search, toggle the removed residue, copy a
BibTeX entry, and load a page built from a hostile source; a screenshot is saved under
``tests/artifacts/``.

Outside CI the module is skipped when chromium or Playwright is missing; under CI (``CI`` set) a
missing browser is a failure. Playwright's own browser download is never used.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from annotate.references import source_key
from annotate.view.html import displayable
from annotate.view.page import render_view
from bibliography.bibtex.write import to_bibtex
from bibliography.citation import format_citation
from tests.annotate.view.test_page import embedded_corpus, hostile_inputs, sample_links, sample_verdicts
from tests.conftest import ROOT

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("CITETRACE_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = ROOT / "tests" / "artifacts"


def _missing() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401, PLC0415 - optional: the module skips without it
    except ImportError:
        return "Playwright for Python is not installed (pip install playwright)"
    if not Path(CHROMIUM).is_file():
        return f"chromium not found at {CHROMIUM} (apt-get install chromium)"
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    reason = _missing()
    if reason is not None:
        if os.environ.get("CI"):
            pytest.fail(f"CI needs the browser test: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright  # noqa: PLC0415 - optional, checked by _missing()

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    docs, refs = embedded_corpus()
    verdicts = sample_verdicts(docs, refs)
    links = sample_links(refs)
    bibtex = {r.key: to_bibtex([r]) for r in refs if r.key}
    folder = tmp_path_factory.mktemp("bundle")
    path = folder / "index.html"
    path.write_text(render_view(docs, refs, verdicts, links, bibtex=bibtex, title="Embedded corpus"), encoding="utf-8")
    return {"path": path, "docs": docs, "refs": refs, "verdicts": verdicts, "links": links, "bibtex": bibtex}


class Session:
    """A page with every dialog, console error, page error and request recorded."""

    def __init__(self, browser: Any, path: Path, **context: Any) -> None:
        self.context = browser.new_context(viewport={"width": 1400, "height": 900}, **context)
        self.page = self.context.new_page()
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.goto(path.as_uri())
        self.page.wait_for_selector("body[data-ready]")

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def session(browser: Any, bundle: dict[str, Any]) -> Iterator[Session]:
    s = Session(browser, bundle["path"], permissions=["clipboard-read", "clipboard-write"])
    yield s
    assert s.errors == []
    assert s.dialogs == []
    assert s.requests == [bundle["path"].as_uri()]  # nothing but the page itself is loaded
    s.close()


def highlighted(page: Any) -> list[dict[str, Any]]:
    return list(
        page.eval_on_selector_all(
            ".ev.hl",
            "els => els.map(e => ({ev: e.dataset.ev, text: e.textContent, cls: e.className}))",
        )
    )


def settle(page: Any) -> None:
    """Wait until smooth scrolling has stopped (the page has not moved for a few frames)."""
    page.evaluate(
        """() => new Promise(done => {
            let last = -1, still = 0;
            const tick = () => {
                still = scrollY === last ? still + 1 : 0;
                last = scrollY;
                if (still >= 5) done(); else requestAnimationFrame(tick);
            };
            requestAnimationFrame(tick);
        })"""
    )


def test_clicking_a_claim_highlights_its_evidence_and_shows_the_citations(
    session: Session, bundle: dict[str, Any]
) -> None:
    page = session.page
    assert highlighted(page) == []
    page.click("#claim-0")
    assert page.get_attribute("#claim-0", "aria-pressed") == "true"
    marks = highlighted(page)
    # The sub-span quote of the second source is highlighted exactly, as supporting evidence.
    docs = bundle["docs"]
    verdict = bundle["verdicts"][0]
    sub = verdict.evidence[1]
    data_ev = page.evaluate("JSON.parse(document.getElementById('view-data').textContent).claims[0].evidence")
    pieces = [m for m in marks if str(data_ev[1]) in m["ev"].split()]
    assert "".join(m["text"] for m in pieces) == sub.quote
    assert all("hl-supports" in m["cls"] for m in pieces)
    mentions = [m for m in marks if str(data_ev[2]) in m["ev"].split()]
    assert mentions and all("hl-mentions" in m["cls"] for m in mentions)
    # The first supporting quote is scrolled into view.
    page.wait_for_function(
        "() => { const e = document.querySelector('.ev.hl-supports'); const r = e.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }"
    )
    details = page.text_content("#details-body")
    refs = bundle["refs"]
    for sid in ("dulcinea-2011", "recognition-2022"):
        ref = next(r for r in refs if r.key == source_key(refs, sid))
        assert format_citation(ref) in details
    hull = next(r for r in refs if r.key == bundle["links"][0].key)
    assert "Further reading" in details and format_citation(hull) in details
    assert page.inner_text(".details .claim-quote") == verdict.claim.text
    italic = page.eval_on_selector_all(".details .citation i", "els => els.map(e => e.textContent)")
    assert "The Memoirs of Cordell Hull" in italic
    assert docs  # the page was built from the analysed corpus

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    settle(page)
    page.screenshot(path=str(ARTIFACTS / "view-claim.png"))

    # Selecting another claim replaces the highlight; Escape clears it.
    page.click("#claim-1")
    assert {c for m in highlighted(page) for c in m["cls"].split()} >= {"hl", "hl-refutes", "hl-mentions"}
    assert all(str(n) not in m["ev"].split() for m in highlighted(page) for n in data_ev)
    assert "Conflicts" in page.text_content("#details-body")
    page.keyboard.press("Escape")
    assert highlighted(page) == []


def test_show_in_text_and_copy_bibtex(session: Session, bundle: dict[str, Any]) -> None:
    page = session.page
    page.click("#claim-3")
    page.click(".details button.goto")
    focused = page.evaluate("document.activeElement.dataset.passage")
    assert focused and focused.startswith("recognition-2022.p2.")
    key = bundle["links"][0].key
    page.click("#claim-0")
    page.click(f".details button.copy[data-key='{key}']")
    page.wait_for_function(f"() => document.body.dataset.copied === '{key}'")
    assert page.evaluate("navigator.clipboard.readText()") == bundle["bibtex"][key]
    assert key in page.text_content("#toast")


def test_keyboard_navigation(session: Session) -> None:
    page = session.page
    # Tab from the top reaches the first claim through the skip links and filters, with a visible focus ring.
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('button.claim')"):
            break
    assert page.evaluate("document.activeElement.id") == "claim-0"
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    # Arrows move within the list (one tab stop for the whole list); Enter and Space select.
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.id") == "claim-1"
    page.keyboard.press("Enter")
    assert page.get_attribute("#claim-1", "aria-pressed") == "true"
    page.keyboard.press("ArrowDown")
    page.keyboard.press(" ")
    assert page.get_attribute("#claim-2", "aria-pressed") == "true"
    assert page.get_attribute("#claim-1", "aria-pressed") == "false"
    assert page.evaluate("[...document.querySelectorAll('button.claim')].filter(b => b.tabIndex === 0).length") == 1
    # The next Tab leaves the list for the sources (the cite key's copy button, then the text):
    # sentences with claims are tab stops; Enter lists their claims.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('#sources') !== null")
    for _ in range(5):
        if page.evaluate("document.activeElement.matches('.s.has-claims')"):
            break
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.matches('.s.has-claims')")
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.press("Enter")
    details = page.text_content("#details-body")
    assert "Claims it supports" in details
    assert page.evaluate("document.activeElement.classList.contains('sel')")


def test_selecting_a_sentence_lists_the_claims_it_supports_or_refutes(session: Session, bundle: dict[str, Any]) -> None:
    page = session.page
    sentence = page.locator(".s.has-claims", has_text="signed on November 16, 1933")
    sentence.click()
    details = page.text_content("#details-body")
    assert "Claims it refutes (1)" in details
    assert bundle["verdicts"][1].claim.text in details
    assert "Claims it supports (0)" in details
    # A claim listed there can be opened from the panel.
    page.click(".details button.claim-link")
    assert page.get_attribute("#claim-1", "aria-pressed") == "true"
    # A sentence linked to further reading shows the reference.
    page.locator(".s[data-passage='recognition-2022.p9.s2']").click()
    hull = page.text_content("#details-body")
    assert "Further reading" in hull and "Bullitt" in hull


def test_filters_and_search(session: Session) -> None:
    page = session.page
    visible = "() => [...document.querySelectorAll('button.claim')].filter(b => !b.parentNode.hidden).map(b => b.id)"
    page.select_option("#f-verdict", "REFUTED")
    assert page.evaluate(visible) == ["claim-1"]
    assert page.text_content("#claims-status") == "Showing 1 of 5 claims."
    page.select_option("#f-verdict", "corroborated")
    assert page.evaluate(visible) == ["claim-0"]
    page.select_option("#f-verdict", "")
    page.select_option("#f-source", "dulcinea-2011")
    assert page.evaluate(visible) == ["claim-0", "claim-2"]
    assert page.is_hidden("article[data-source='recognition-2022']")
    page.select_option("#f-source", "")
    person = page.eval_on_selector(
        "#f-person", "s => [...s.options].find(o => o.text.startsWith('Franklin D. Roosevelt')).value"
    )
    page.select_option("#f-person", person)
    assert page.evaluate(visible) == ["claim-2"]
    page.select_option("#f-person", "")
    page.fill("#f-search", "Litvinov")
    page.wait_for_function("() => document.getElementById('search-status').textContent !== ''")
    status = page.text_content("#search-status")
    assert status.endswith("passages match “litvinov”.")
    shown = page.eval_on_selector_all(".text .b[data-passage]:not(.nomatch)", "els => els.map(e => e.textContent)")
    assert shown and all(
        "litvinov" in t.lower()
        for t in shown
        if not t.startswith(("Summary", "Further", "The Establishment", "History"))
    )
    assert page.evaluate("CSS.highlights.get('search').size") >= 5
    page.fill("#f-search", "")
    page.wait_for_function("() => document.getElementById('search-status').textContent === ''")
    assert page.eval_on_selector_all(".nomatch", "els => els.length") == 0


def test_removed_residue_can_be_shown_struck_through(session: Session) -> None:
    page = session.page
    rm = page.locator("del.rm[data-kind='index_repeat']").first
    assert rm.is_hidden()
    page.check("#f-removed")
    assert rm.is_visible()
    assert "line-through" in rm.evaluate("e => getComputedStyle(e).textDecorationLine")
    assert rm.get_attribute("title").startswith("Removed (index_repeat): index entry")
    rm.click()
    assert "Removed residue" in page.text_content("#details-body")
    page.uncheck("#f-removed")
    assert rm.is_hidden()


def test_print_stylesheet_hides_the_controls(session: Session) -> None:
    page = session.page
    page.click("#claim-0")
    page.emulate_media(media="print")
    assert page.is_hidden(".filters")
    assert page.is_hidden("button.copy >> nth=0")
    assert page.is_visible("#details")
    order = page.evaluate("['#sources', '#claims'].map(s => document.querySelector(s).getBoundingClientRect().top)")
    assert order[0] < order[1]  # the text first, the claims after it
    page.emulate_media(media="screen")


def test_hostile_source_does_not_execute_and_shows_as_written(browser: Any, tmp_path: Path) -> None:
    docs, refs, verdicts, links = hostile_inputs()
    path = tmp_path / "index.html"
    path.write_text(
        render_view(
            docs,
            refs,
            verdicts,
            links,
            bibtex={"xss2024": "@misc{xss2024, note={</script>\u2028\u2029 javascript:alert(9)}}"},
        ),
        encoding="utf-8",
    )
    s = Session(browser, path)
    page = s.page
    try:
        page.click("#claim-0")
        details = page.text_content("#details-body")
        assert "</script><script>alert(6)</script>" in details
        assert "“</script><img src=x onerror=alert(7)>.”" in details  # the reference's citation
        assert "<script>alert(8)</script>" in details  # the further-reading reason
        assert "<b>why</b> &amp; </script>" in details
        page.locator(".s.has-claims").first.click()
        assert "</script><script>alert(6)</script>" in page.text_content("#details-body")
        page.check("#f-removed")
        page.fill("#f-search", "<script>")
        page.wait_for_timeout(300)
        assert s.dialogs == []
        assert page.evaluate("document.querySelectorAll('img, b, iframe, object, embed').length") == 0
        assert page.evaluate("document.scripts.length") == 2
        doc = docs[0]
        texts = page.eval_on_selector_all(
            ".text .s", "els => els.map(e => [e.dataset.start, e.dataset.end, e.textContent])"
        )
        assert texts
        for start, end, text in texts:
            assert text == displayable(doc.source.raw[int(start) : int(end)])
        assert any("<img src=x onerror=alert(2)>" in t for *_, t in texts)
        assert any("&amp; &lt;b&gt; &#60;script&#62;" in t for *_, t in texts)
        assert page.text_content("article h2") == "<script>alert('t')</script> &amp;"
        assert s.errors == []
        assert s.requests == [path.as_uri()]  # no image, script or link the sources name is fetched
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        settle(page)
        page.screenshot(path=str(ARTIFACTS / "view-hostile.png"))
    finally:
        s.close()


CONTRAST = """sel => [...document.querySelectorAll(sel)].filter(e => e.getClientRects().length).slice(0, 3).map(e => {
    const rgb = c => c.match(/[\\d.]+/g).map(Number);
    const lum = ([r, g, b]) => {
        const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
        return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    let bg = null;
    for (let n = e; n && !bg; n = n.parentElement) {
        const c = rgb(getComputedStyle(n).backgroundColor);
        if (c.length < 4 || c[3] > 0) bg = c;
    }
    const fg = rgb(getComputedStyle(e).color);
    const [a, b] = [lum(fg), lum(bg || [255, 255, 255])].sort((x, y) => y - x);
    return (a + 0.05) / (b + 0.05);
})"""


def test_text_contrast_meets_wcag_aa(session: Session) -> None:
    page = session.page
    page.click("#claim-1")  # refuted and mentioned quotes highlighted, details filled
    page.check("#f-removed")
    selectors = [
        ".text p",
        ".summary",
        ".field label",
        ".meta dt",
        ".key",
        ".citation",
        "button.claim .claim-text",
        "#claims-status",
        ".badge.supported",
        ".badge.refuted",
        ".badge.nei",
        ".badge.corroborated",
        ".badge.conflict",
        ".badge.mentions",
        ".b-dateline",
        ".b-furniture",
        ".fig figcaption",
        "del.rm",
        ".ev.hl-refutes",
        ".ev.hl-mentions",
        ".details .facts",
        ".details h3",
        "button.copy",
        "button.goto",
        ".foot p",
    ]
    low = {}
    for selector in selectors:
        ratios = page.evaluate(CONTRAST, selector)
        assert ratios, f"nothing visible matches {selector}"
        if min(ratios) < 4.5:
            low[selector] = round(min(ratios), 2)
    assert low == {}
    page.click("#claim-0")
    assert min(page.evaluate(CONTRAST, ".ev.hl-supports")) >= 4.5
