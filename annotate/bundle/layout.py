"""What a bundle holds and where: file names, the format version, and the raw bytes of a source."""

from __future__ import annotations

import hashlib

from annotate._indented_json import dumps_indented
from annotate.errors import BundleError
from corpus.model import Source

BUNDLE_FORMAT = 1


TEI_FILE = "corpus.tei.xml"


BIB_FILE = "references.bib"


CSL_FILE = "references.json"


ANNOTATIONS_FILE = "annotations.jsonld"


CLAIMS_FILE = "claims.jsonl"


MANIFEST_FILE = "manifest.json"


SOURCES_DIR = "sources"


_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


_CHUNK = 1 << 20


def _dumps(value: object) -> str:
    # ``json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False)``, without the standard
    # library's pure-Python encoder (a manifest lists every file and source).
    return dumps_indented(value) + "\n"


def source_bytes(source: Source) -> bytes:
    """The raw bytes a source was read from, checked against its sha256.

    The bytes ``corpus`` kept when it read the source; for a source that carries only its text (read
    back from TEI), the text encoded as the source says it was decoded (with and without a UTF-8 byte
    order mark), accepted only when the sha256 matches.
    """
    if source.data is not None:
        return source.data
    candidates: list[bytes] = []
    for encoding in (source.encoding, "utf-8"):
        try:
            data = source.raw.encode(encoding, "surrogatepass" if encoding == "utf-8" else "strict")
        except (UnicodeError, LookupError):
            continue
        candidates.append(data)
        if encoding == "utf-8":
            candidates.append(b"\xef\xbb\xbf" + data)
    for data in candidates:
        if hashlib.sha256(data).hexdigest() == source.sha256:
            return data
    raise BundleError(
        f"source {source.id}: cannot recover bytes whose sha256 is {source.sha256} (file moved or changed?)"
    )
