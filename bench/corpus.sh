#!/usr/bin/env bash
# Build the scale benchmark corpus: 100+ MB of real English prose, one .txt per document, from Debian
# documentation and dictionary packages. Packages are fetched with `apt-get download` and unpacked
# with `dpkg-deb -x` into DIR/debs (nothing is installed system-wide); bench/make_corpus.py turns
# their dictionary entries, manuals and HTML pages into plain text files under DIR/docs/<package>/,
# plus a few long single files under DIR/long/. Nothing from it is committed.
#
#   bash bench/corpus.sh DIR
set -euo pipefail
out=${1:?usage: bash bench/corpus.sh DIR}
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$out/debs" "$out/x"
out=$(cd "$out" && pwd)

packages=(
  dict-gcide dict-wn dict-foldoc dict-jargon dict-devil dict-vera   # dictionaries: many short documents
  python3.11-doc perl-doc linux-doc-6.1 python-django-doc           # manuals: reStructuredText and POD
  debian-reference-en debian-history gnu-standards bash-doc git-doc postgresql-doc-15  # HTML and plain text
)
cd "$out/debs"
for p in "${packages[@]}"; do
  ls "$p"_*.deb >/dev/null 2>&1 || apt-get download -q "$p" 2>&1 | grep -v '^W: Download is performed unsandboxed' || true
done
for deb in *.deb; do
  stamp="$out/x/.${deb%.deb}"
  [ -e "$stamp" ] || { dpkg-deb -x "$deb" "$out/x" && touch "$stamp"; }
done
python3 "$here/make_corpus.py" "$out/x" "$out"
