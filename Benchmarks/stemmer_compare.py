#!/usr/bin/env python3
"""Compares Nashra's search analysis with Snowball's Arabic stemmer on a table of queries.

usage: Benchmarks/stemmer_compare.py [SEARCH_JS] [NAMES_JSON]

Each row is (what a reader types, how a bulletin spells it, should they meet?). A row "hits" for a
stemmer when the two give the same terms exactly when they should. Nashra's side runs the theme's
search.js with node (SearchAnalysisTests holds it equal to the Swift code), with the names a
built site's search/manifest.json carries (default: only the built-in names plus the fixture
site's locations). Snowball's side is libstemmer (Debian libstemmer-dev) through ctypes, on
whitespace-split words, lower-cased. Not part of `swift test`.
"""
import ctypes
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SEARCH_JS = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else os.path.join(HERE, "..", "themes", "default", "static", "search.js")
NAMES = sys.argv[2] if len(sys.argv) > 2 else None

ROWS = [
    ("الرقه", "الرقة", True), ("الرقة", "بالرقة", True), ("ببيروت", "بيروت", True), ("بيروت", "لبيروت", True),
    ("فلسطين", "بفلسطين", True), ("فلسطين", "وفلسطين", True), ("إعلان", "اعلان", True), ("إعلان", "الإعلانات", True),
    ("سوريا", "سورية", True), ("سوريا", "بسوريا", True), ("سورية", "السورية", True), ("٢٠٣٠", "2030", True),
    ("۲۰۳۰", "2030", True), ("مستشفى", "مستشفي", True), ("الحكومة", "للحكومة", True), ("حكومة", "الحكومات", True),
    ("المسؤولون", "مسؤول", True), ("دمشق", "بدمشق", True), ("القدس", "بالقدس", True), ("غزة", "بغزة", True),
    ("دير الزور", "بدير الزور", True), ("الانتخابات", "انتخابات", True), ("عاجل", "عـــاجل", True),
    ("محمد", "مُحَمَّد", True), ("مدرسة", "المدارس", True), ("running", "run", True), ("agencies", "agency", True),
    # Should not meet: a name and a word it would be cut to, unrelated words that share letters.
    ("بيروت", "يروت", False), ("فلسطين", "لسطين", False), ("كتاب", "تاب", False), ("وزير", "زير", False),
    ("مدرسة", "مدرس", False),
]


def nashra_terms(texts, names):
    script = "const s=require(%s);const i=JSON.parse(require('fs').readFileSync(0,'utf8'));" \
             "const a=s.analyzer(i.names);process.stdout.write(JSON.stringify(i.texts.map(t=>a.terms(t))));" % json.dumps(SEARCH_JS)
    run = subprocess.run(["node", "-e", script], input=json.dumps({"names": names, "texts": texts}),
                         capture_output=True, text=True, check=True)
    return json.loads(run.stdout)


def snowball():
    lib = ctypes.CDLL("libstemmer.so.0d") if os.path.exists("/usr/lib/x86_64-linux-gnu/libstemmer.so.0d") else ctypes.CDLL("libstemmer.so")
    lib.sb_stemmer_new.restype = ctypes.c_void_p
    lib.sb_stemmer_new.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
    lib.sb_stemmer_stem.restype = ctypes.POINTER(ctypes.c_ubyte)
    lib.sb_stemmer_stem.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
    lib.sb_stemmer_length.argtypes = [ctypes.c_void_p]
    arabic = lib.sb_stemmer_new(b"arabic", b"UTF_8")
    english = lib.sb_stemmer_new(b"english", b"UTF_8")

    def stem(word):
        stemmer = english if word.isascii() and word.isalpha() else arabic
        data = word.lower().encode()
        out = lib.sb_stemmer_stem(stemmer, data, len(data))
        return bytes(out[: lib.sb_stemmer_length(stemmer)]).decode()

    return lambda text: [stem(w) for w in text.split()]


def main():
    names = json.load(open(NAMES))["names"] if NAMES else None
    if names is None:
        # The built-in names are in Swift; take them from a build of the fixture site.
        site = os.path.join(HERE, "..", "Tests", "Fixtures", "search")
        out = "/tmp/nashra-stemmer-compare"
        binary = os.environ.get("NASHRA", os.path.join(HERE, "..", ".build", "debug", "nashra"))
        subprocess.run([binary, "build", "--source", site, "--output", out, "--quiet"], check=True)
        names = json.load(open(os.path.join(out, "search", "manifest.json")))["names"]
    texts = [t for row in ROWS for t in row[:2]]
    ours = nashra_terms(texts, names)
    theirs = snowball()
    hits = {"nashra": 0, "snowball": 0}
    print("%-14s %-14s %-6s %-28s %-28s" % ("query", "bulletin", "meet?", "nashra", "snowball"))
    for index, (query, written, meet) in enumerate(ROWS):
        a, b = ours[2 * index], ours[2 * index + 1]
        sa, sb = theirs(query), theirs(written)
        ok_ours = (a == b) == meet
        ok_theirs = (sa == sb) == meet
        hits["nashra"] += ok_ours
        hits["snowball"] += ok_theirs
        print("%-14s %-14s %-6s %-28s %-28s" % (query, written, "yes" if meet else "no",
              ("✓ " if ok_ours else "✗ ") + " ".join(a) + " | " + " ".join(b),
              ("✓ " if ok_theirs else "✗ ") + " ".join(sa) + " | " + " ".join(sb)))
    print("\nrows right, of %d: nashra %d, snowball %d" % (len(ROWS), hits["nashra"], hits["snowball"]))


if __name__ == "__main__":
    main()
