#!/usr/bin/env python3
"""The query table of stemmer_compare.py, asked of Nashra's search and of Pagefind's.

usage: Benchmarks/search_table.py WORK_DIR

Writes one bulletin per row holding the row's bulletin spelling (and a neutral sentence), builds it
with nashra (NASHRA=path, default .build/debug/nashra), runs pagefind on a copy of the output, and
asks both each row's query: `nashra search` and Pagefind's JS API in headless Chromium. A row is
right when its bulletin is found exactly when the two should meet. Not part of `swift test`.
"""
import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from stemmer_compare import ROWS  # noqa: E402
from search_compare import NASHRA, PAGEFIND, Quiet  # noqa: E402

PAGEFIND_ALL = """
const done = arguments[arguments.length - 1];
import('/pagefind/pagefind.js').then(async (pagefind) => {
  const out = [];
  for (const q of arguments[0]) {
    const search = await pagefind.search(q);
    const data = await Promise.all(search.results.map((r) => r.data()));
    out.push(data.map((d) => d.url));
  }
  done(out);
}).catch((e) => done('error ' + e));
"""


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    work = os.path.abspath(sys.argv[1])
    shutil.rmtree(work, ignore_errors=True)
    content = os.path.join(work, "site", "content", "bulletins")
    os.makedirs(content)
    open(os.path.join(work, "site", "nashra.yaml"), "w").write("title: جدول البحث\nlanguage: ar\n")
    for index, (_, written, _) in enumerate(ROWS):
        open(os.path.join(content, f"row-{index}.md"), "w", encoding="utf-8").write(
            f"---\ntitle: \"نشرة {index}\"\ndate: 2026-01-{1 + index % 28:02d}\nslug: row-{index}\n---\n\n"
            f"جاء في النشرة {written} اليوم.\n")
    out = os.path.join(work, "out")
    subprocess.run([NASHRA, "build", "--quiet", "--source", os.path.join(work, "site"), "--output", out], check=True)
    site = os.path.join(work, "pagefind-site")
    shutil.copytree(out, site)
    subprocess.run([PAGEFIND, "--site", site], check=True, capture_output=True)

    ours = []
    for query, _, _ in ROWS:
        run = subprocess.run([NASHRA, "search", query, "--site", out], capture_output=True, text=True, check=True)
        ours.append([line.split("\t")[1] for line in run.stdout.splitlines() if "\t" in line])

    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=site))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium")
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(executable_path=shutil.which("chromedriver")), options=options)
    try:
        driver.set_script_timeout(120)
        driver.get(f"http://127.0.0.1:{server.server_address[1]}/404.html")
        theirs = driver.execute_async_script(PAGEFIND_ALL, [row[0] for row in ROWS])
    finally:
        driver.quit()
        server.shutdown()

    right = {"nashra": 0, "pagefind": 0}
    print("%-14s %-14s %-6s %-8s %-8s" % ("query", "bulletin", "meet?", "nashra", "pagefind"))
    for index, (query, written, meet) in enumerate(ROWS):
        target = f"/row-{index}/"
        found_ours = any(url.endswith(target) for url in ours[index])
        found_theirs = any(url.endswith(target) for url in theirs[index])
        right["nashra"] += found_ours == meet
        right["pagefind"] += found_theirs == meet
        mark = lambda found: ("✓ " if found == meet else "✗ ") + ("found" if found else "missed")
        print("%-14s %-14s %-6s %-8s %-8s" % (query, written, "yes" if meet else "no", mark(found_ours), mark(found_theirs)))
    print("\nrows right, of %d: nashra %d, pagefind %d" % (len(ROWS), right["nashra"], right["pagefind"]))


if __name__ == "__main__":
    main()
