"""The bundle in the formats others read, checked by the formats' own schemas and tools (issue 13).

CSL-JSON against the Citation Style Language's ``csl-data.json``; Web Annotations against the W3C
Web Annotation test suite's "must" assertions, and their selectors against the source bytes; TEI by
an XSLT extraction a TEI user would run (jing validation is in ``test_cli_bundle.py``). The schemas
are copied under ``tests/data/schemas`` (see its README for sources and licences).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft4Validator, Draft7Validator
from lxml import etree
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

SCHEMAS = Path(__file__).resolve().parent.parent / "data" / "schemas"
WEB_ANNO = SCHEMAS / "web-annotation"


def _annotations(bundle: Path) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    collection = json.loads((bundle / "annotations.jsonld").read_text(encoding="utf-8"))
    items: list[dict[str, Any]] = []
    page: dict[str, Any] | None = collection.get("first")
    while page:
        items.extend(page["items"])
        page = page.get("next") if isinstance(page.get("next"), dict) else None
    return collection, items


def test_csl_json_validates_against_the_csl_schema(built: Path) -> None:
    schema = json.loads((SCHEMAS / "csl" / "csl-data.json").read_text(encoding="utf-8"))
    items = json.loads((built / "references.json").read_text(encoding="utf-8"))
    errors = sorted(Draft7Validator(schema).iter_errors(items), key=lambda e: list(e.absolute_path))
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors[:5]]
    assert len(items) >= 2


def _web_annotation_registry() -> Registry:
    registry: Registry = Registry()
    for path in sorted((WEB_ANNO / "definitions").glob("*.json")):
        resource = Resource.from_contents(json.loads(path.read_text(encoding="utf-8")), default_specification=DRAFT4)
        registry = registry.with_resource(path.name, resource)
    return registry


def _musts() -> list[dict[str, Any]]:
    test = json.loads((WEB_ANNO / "annotationMusts.test").read_text(encoding="utf-8"))
    names = [*test["assertions"], "annotations/specificResource/4.2.4-textQuoteSelectorValid.json"]
    return [
        json.loads((WEB_ANNO / name).read_text(encoding="utf-8"))
        for name in names
        if Path(name).name not in _NOT_THE_MODEL
    ]


# Where the suite's heuristic and the model disagree, the model (https://www.w3.org/TR/annotation-model/)
# wins: the suite takes any body with an ``id`` for an External Web Resource, which may not have a
# ``purpose``; but an Embedded Textual Body may have both an id (section 3.2.4) and a purpose (3.3.5),
# and the bundle gives the describing body the claim's id so a viewer can link the two.
_NOT_THE_MODEL = frozenset(["3.3.5-bodyEWRNoPurpose.json"])


def test_web_annotations_meet_every_w3c_must(built: Path) -> None:
    collection, items = _annotations(built)
    assert collection["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert items
    registry = _web_annotation_registry()
    failures = []
    for assertion in _musts():
        validator = Draft4Validator(assertion, registry=registry)
        for item in items:
            # An annotation inside a collection takes the collection's @context.
            standalone = {"@context": collection["@context"], **item}
            valid = validator.is_valid(standalone)
            if valid != (assertion.get("expectedResult", "valid") == "valid"):
                failures.append(f"{item.get('id')}: {assertion['id']}: {assertion.get('errorMessage', '')}")
    assert not failures, failures[:5]


def test_web_annotation_selectors_point_at_the_source_bytes(built: Path) -> None:
    _, items = _annotations(built)
    checked = 0
    for item in items:
        target = item["target"]
        source = built / target["source"]["id"]
        assert source.is_file(), target["source"]
        text = source.read_bytes().decode("utf-8")
        by_type = {s["type"]: s for s in target["selector"]}
        quote, position = by_type["TextQuoteSelector"], by_type["TextPositionSelector"]
        start, end = position["start"], position["end"]
        assert text[start:end] == quote["exact"]
        assert text[:start].endswith(quote.get("prefix", ""))
        assert text[end:].startswith(quote.get("suffix", ""))
        checked += 1
    assert checked == len(items)


# The extraction a TEI user runs first: every cited work's title and every claim with its verdict.
_XSLT = b"""<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0">
  <xsl:output method="text"/>
  <xsl:template match="/">
    <xsl:for-each select="//tei:biblStruct | //tei:listBibl/tei:bibl">
      <xsl:text>work&#9;</xsl:text><xsl:value-of select="@xml:id"/><xsl:text>&#9;</xsl:text>
      <xsl:value-of select="normalize-space((.//tei:title)[1])"/><xsl:text>&#10;</xsl:text>
    </xsl:for-each>
  </xsl:template>
</xsl:stylesheet>"""


def test_an_xslt_extraction_finds_the_cited_works(built: Path) -> None:
    tree = etree.parse(str(built / "corpus.tei.xml"))
    out = str(etree.XSLT(etree.fromstring(_XSLT))(tree))
    works = [line.split("\t") for line in out.splitlines() if line.startswith("work\t")]
    references = json.loads((built / "references.json").read_text(encoding="utf-8"))
    assert len(works) >= len(references) > 0
    titles = {title for _, _, title in works}
    assert {r["title"] for r in references if "title" in r} <= titles


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from annotate.cli import main  # noqa: PLC0415 - the fixture writes the bundle the way a user does

    out = tmp_path_factory.mktemp("interop") / "bundle"
    assert main(["bundle", "--quiet", "--jobs", "1", "--out", str(out)]) == 0
    return out
