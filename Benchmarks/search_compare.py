#!/usr/bin/env python3
"""Nashra's search index against Pagefind on the same built site. Not part of `swift test`.

usage: Benchmarks/search_compare.py CONTENT_DIR WORK_DIR ["TWO WORDS"]

1. builds CONTENT_DIR with nashra (NASHRA=path, default .build/debug/nashra; NASHRA_TIMINGS on),
   clean, then again after a one-bulletin edit, and once clean with `search: false`: the search
   stage's time and what it adds to the build;
2. runs `pagefind --site` (pagefind-bin from PyPI) on a copy of the same output;
3. opens a two-word query in headless Chromium on both (Nashra's /search/?q=…, Pagefind's JS API
   with the first 10 results' data loaded, as its default UI does) and adds up the bytes of every
   file fetched after the page itself, gzip-compressed as a server would send them (Pagefind's own
   files are already compressed and are counted as they are). The files are those the test server
   was asked for, so fetches from Pagefind's web worker count too;
4. on Nashra's page, with Chromium's CPU slowed down (CDP Emulation.setCPUThrottlingRate, THROTTLE,
   default 4, a phone-class CPU), the time from the last index file's arrival (its responseEnd) to
   the results in the page, for the query in the URL and for a second query typed into the box.
Prints one JSON object. NASHRA_NO_QUERY=1 stops after the builds (timing runs); PAGEFIND=0 leaves Pagefind out (for a 50,000-bulletin run); NASHRA_ONLY_QUERY=1
measures the query on WORK/out as it is, without building.
"""
import functools
import gzip
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
NASHRA = os.environ.get("NASHRA", os.path.join(HERE, "..", ".build", "debug", "nashra"))
PAGEFIND = os.environ.get("PAGEFIND") or shutil.which("pagefind") or os.path.join(
    os.path.dirname(__import__("pagefind_bin").__file__), "pagefind")


def timed(command, env=None):
    start = time.time()
    run = subprocess.run(command, capture_output=True, text=True, env=env)
    if run.returncode != 0:
        sys.exit(f"{command[0]} failed: {run.stderr[-2000:]}")
    return time.time() - start, run.stderr


def stage(stderr, name):
    match = re.search(r"(?:^|, |timings: )%s ([0-9.]+) ms" % re.escape(name), stderr)
    return float(match.group(1)) if match else None


def folder_bytes(path):
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(path) for f in fs)


def sent_bytes(root, path):
    local = os.path.join(root, urllib.parse.unquote(path).lstrip("/"))
    if os.path.isdir(local):
        local = os.path.join(local, "index.html")
    if not os.path.exists(local):
        return 0  # asked for and not there (the favicon Chromium asks for by itself)
    data = open(local, "rb").read()
    if "/pagefind/" in path and not path.endswith((".js", ".json", ".css")):
        return len(data)  # pf_meta, pf_index, pf_fragment, wasm: stored gzip-compressed
    return len(gzip.compress(data, 6))


class Quiet(http.server.SimpleHTTPRequestHandler):
    """Serves ROOT and keeps the path of every request (`requested`), whoever made it: the page,
    its scripts or a web worker."""
    requested = None

    def log_message(self, *args):
        pass

    def do_GET(self):
        self.requested.append(urllib.parse.urlparse(self.path).path)
        super().do_GET()


def serve(root):
    handler = type("Logged", (Quiet,), {"requested": []})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=root))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, handler.requested, f"http://127.0.0.1:{server.server_address[1]}"


def chromium():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium")
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(executable_path=shutil.which("chromedriver")), options=options)
    driver.set_script_timeout(180)
    return driver


def browser_bytes(root, page, script):
    """Bytes of every file requested after the page itself, as a server would send them."""
    server, requested, base = serve(root)
    driver = chromium()
    try:
        driver.get(base + page)
        result = driver.execute_async_script(script)
        time.sleep(0.5)  # requests still on their way (Pagefind preloads)
        files = sorted(set(requested[1:]))
        sizes = {f: sent_bytes(root, f) for f in files if sent_bytes(root, f)}
        return {"result": result, "files": len(sizes), "bytes": sum(sizes.values()),
                "largest": sorted(sizes.items(), key=lambda kv: -kv[1])[:5]}
    finally:
        driver.quit()
        server.shutdown()


# Installed before the page's own scripts: when each index file arrived and when the results
# list changed, in the page's clock.
OBSERVE = """
window.__search = { arrived: [], changed: [] };
new PerformanceObserver(function (list) {
  list.getEntries().forEach(function (e) {
    if (e.name.indexOf('/search/') >= 0) window.__search.arrived.push([e.startTime, e.responseEnd]);
  });
}).observe({ type: 'resource', buffered: true });
document.addEventListener('DOMContentLoaded', function () {
  new MutationObserver(function () { window.__search.changed.push(performance.now()); })
    .observe(document.getElementById('search-results'), { childList: true, subtree: true });
});
"""

TYPE = """
const done = arguments[arguments.length - 1];
const input = document.getElementById('search-query');
const start = performance.now();
input.value = arguments[0];
input.dispatchEvent(new Event('input', { bubbles: true }));
setTimeout(function () { done(start); }, arguments[1]);
"""


def after_arrival(state, since):
    """Milliseconds from the last index file fetched after `since` arriving to the first change
    of the results after it."""
    arrivals = [end for start, end in state["arrived"] if start >= since]
    if not arrivals:
        return None
    last = max(arrivals)
    changes = [t for t in state["changed"] if t >= last]
    return round(min(changes) - last, 1) if changes else None


def throttled_timing(root, page, typed, rate, runs=5):
    """Under a CPU `rate` times slower: the query in `page`'s URL, then `typed` typed into the box."""
    results = {"load_ms": [], "typed_ms": []}
    server, _, base = serve(root)
    try:
        for _ in range(runs):
            driver = chromium()
            try:
                driver.execute_cdp_cmd("Emulation.setCPUThrottlingRate", {"rate": rate})
                driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": OBSERVE})
                driver.get(base + page)
                driver.execute_async_script(NASHRA_WAIT)
                time.sleep(1)
                results["load_ms"].append(after_arrival(driver.execute_script("return window.__search"), 0))
                started = driver.execute_async_script(TYPE, typed, 4000)
                results["typed_ms"].append(after_arrival(driver.execute_script("return window.__search"), started))
            finally:
                driver.quit()
    finally:
        server.shutdown()
    for key in ("load_ms", "typed_ms"):
        values = sorted(v for v in results[key] if v is not None)
        results[key + "_median"] = values[len(values) // 2] if values else None
    results["throttle"] = rate
    return results


NASHRA_WAIT = """
const done = arguments[arguments.length - 1];
const check = () => {
  const s = document.getElementById('search-status');
  const loading = document.getElementById('search').getAttribute('data-loading');
  if (s.textContent && s.textContent !== loading) done(s.textContent); else setTimeout(check, 20);
};
check();
"""

PAGEFIND_QUERY = """
const done = arguments[arguments.length - 1];
import('/pagefind/pagefind.js').then(async (pagefind) => {
  const search = await pagefind.search(%s);
  const data = await Promise.all(search.results.slice(0, 10).map((r) => r.data()));
  done(search.results.length + ' results; first: ' + (data[0] ? data[0].url : '-'));
}).catch((e) => done('error ' + e));
"""


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    content, work = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    query = sys.argv[3] if len(sys.argv) > 3 else "موسم الحصاد"
    typed = os.environ.get("TYPED", "المياه الريف")
    throttle = float(os.environ.get("THROTTLE", "4"))
    os.makedirs(work, exist_ok=True)
    out = os.path.join(work, "out")
    if os.environ.get("NASHRA_ONLY_QUERY") == "1":
        report = {"query": query, "nashra_query": browser_bytes(out, "/search/?" + urllib.parse.urlencode({"q": query}), NASHRA_WAIT)}
        report["nashra_throttled"] = throttled_timing(out, "/search/?" + urllib.parse.urlencode({"q": query}), typed, throttle)
        print(json.dumps(report, ensure_ascii=False, indent=1))
        return
    env = dict(os.environ, NASHRA_TIMINGS="1", NASHRA_NOW="2030-01-01T00:00:00+03:00")
    report = {"query": query}

    # Search off: a site folder whose nashra.yaml says so, over a copy of the content.
    off = os.path.join(work, "site-off")
    if not os.path.exists(os.path.join(off, "content")):
        shutil.copytree(content, os.path.join(off, "content"))
    open(os.path.join(off, "nashra.yaml"), "w").write("search: false\n")
    # Moved aside, not deleted: ext4 creates files slowly for a while after many were deleted.
    trash = os.path.join(work, "trash")
    os.makedirs(trash, exist_ok=True)
    for name in ("out", "out-off", "pagefind-site", "site-off/.nashra", ".nashra"):
        if os.path.exists(os.path.join(work, name)):
            os.rename(os.path.join(work, name), os.path.join(trash, "%s.%d.%f" % (name.replace("/", "-"), os.getpid(), time.time())))
    seconds, stderr = timed([NASHRA, "build", "--quiet", "--clean", "--content", content, "--output", out], env)
    report["nashra_clean_s"] = round(seconds, 2)
    report["nashra_search_stage_ms"] = stage(stderr, "search")
    seconds, stderr = timed([NASHRA, "build", "--quiet", "--clean", "--source", off, "--output", os.path.join(work, "out-off")], env)
    report["nashra_clean_search_off_s"] = round(seconds, 2)
    first = sorted(os.path.join(d, f) for d, _, fs in os.walk(content) for f in fs if f.endswith(".md"))[0]
    original = open(first, encoding="utf-8").read()
    try:
        open(first, "w", encoding="utf-8").write(original + "\nفقرة معدّلة للاختبار.\n")
        seconds, stderr = timed([NASHRA, "build", "--quiet", "--content", content, "--output", out], env)
    finally:
        open(first, "w", encoding="utf-8").write(original)
    report["nashra_one_edit_s"] = round(seconds, 2)
    report["nashra_one_edit_search_stage_ms"] = stage(stderr, "search")
    # A new bulletin, newer than every other: which index files change.
    def index_stamps():
        root = os.path.join(out, "search")
        return {os.path.join(d, f): os.stat(os.path.join(d, f)).st_mtime_ns for d, _, fs in os.walk(root) for f in fs}
    before = index_stamps()
    added = os.path.join(content, "zz-newest-bulletin.md")
    open(added, "w", encoding="utf-8").write("---\ntitle: خبر عاجل عن موسم الحصاد\ndate: 2029-12-31T08:00:00+03:00\n"
                                              "location: حمص\ntags: [زراعة]\n---\n\nبدأ موسم الحصاد في ريف حمص اليوم.\n")
    try:
        seconds, stderr = timed([NASHRA, "build", "--quiet", "--content", content, "--output", out], env)
    finally:
        os.remove(added)
    after = index_stamps()
    report["nashra_add_newest_s"] = round(seconds, 2)
    report["nashra_add_newest_search_stage_ms"] = stage(stderr, "search")
    report["nashra_add_newest_index_files_written"] = sum(1 for f, t in after.items() if before.get(f) != t)
    seconds, stderr = timed([NASHRA, "build", "--quiet", "--content", content, "--output", out], env)
    report["nashra_remove_newest_search_stage_ms"] = stage(stderr, "search")
    print(json.dumps(report, ensure_ascii=False), file=sys.stderr)
    report["nashra_index_bytes"] = folder_bytes(os.path.join(out, "search"))
    report["nashra_index_files"] = sum(len(fs) for _, _, fs in os.walk(os.path.join(out, "search")))

    if os.environ.get("NASHRA_NO_QUERY") == "1":
        print(json.dumps(report, ensure_ascii=False, indent=1))
        return
    report["nashra_query"] = browser_bytes(out, "/search/?" + urllib.parse.urlencode({"q": query}), NASHRA_WAIT)
    report["nashra_throttled"] = throttled_timing(out, "/search/?" + urllib.parse.urlencode({"q": query}), typed, throttle)
    report["nashra_script_gzip_bytes"] = len(gzip.compress(open(os.path.join(out, "search.js"), "rb").read(), 9))
    print(json.dumps(report, ensure_ascii=False), file=sys.stderr)
    if os.environ.get("PAGEFIND") == "0":
        print(json.dumps(report, ensure_ascii=False, indent=1))
        return
    site = os.path.join(work, "pagefind-site")
    shutil.copytree(out, site)
    shutil.rmtree(os.path.join(site, "search"))
    seconds, stderr = timed([PAGEFIND, "--site", site])
    report["pagefind_s"] = round(seconds, 2)
    report["pagefind_index_bytes"] = folder_bytes(os.path.join(site, "pagefind"))
    report["pagefind_index_files"] = sum(len(fs) for _, _, fs in os.walk(os.path.join(site, "pagefind")))
    print(json.dumps(report, ensure_ascii=False), file=sys.stderr)

    report["pagefind_query"] = browser_bytes(site, "/404.html", PAGEFIND_QUERY % json.dumps(query))
    print(json.dumps(report, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
