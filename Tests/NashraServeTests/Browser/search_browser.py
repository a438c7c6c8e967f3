#!/usr/bin/env python3
"""Serves a built site on 127.0.0.1 and opens /search/?q=… in headless Chromium for each case,
waiting for the search script to finish, then reads the result links, the status message and the
browser console. Cases: a JSON list of {"q": query, "expect": [slugs, in order]}. With
--broken-root (a copy of the site whose index shards are corrupt) it also checks that a query
there shows the "broken" message rather than a blank. Run by SearchBrowserTests.swift. Exit status:
0 when every case passes, 1 when one does not, 2 when Chromium, its driver or selenium is missing.
Prints one JSON line with what it saw.
"""
import argparse
import functools
import http.server
import json
import shutil
import sys
import threading
import time
import urllib.parse

DONE = r"""
const root = document.getElementById('search');
const status = document.getElementById('search-status');
if (!root || root.hidden) return null;
const loading = root.getAttribute('data-loading');
if (!status.textContent || status.textContent === loading) return null;
return {
  status: status.textContent,
  links: [...document.querySelectorAll('#search-results .item-title a')].map((a) => decodeURIComponent(a.pathname)),
  marks: [...document.querySelectorAll('#search-results mark')].map((m) => m.textContent),
  filters: !document.getElementById('search-filters').hidden,
};
"""


def fail(status, message, **details):
    print(json.dumps({"ok": False, "error": message, **details}, ensure_ascii=False))
    sys.exit(status)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(root):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=root))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def wait(driver, timeout):
    end = time.time() + timeout
    while time.time() < end:
        seen = driver.execute_script(DONE)
        if seen is not None:
            return seen
        time.sleep(0.05)
    return None


def slug(path):
    parts = [p for p in path.split("/") if p]
    return parts[-1] if parts else path


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", required=True, help="the built site")
    parser.add_argument("--cases", required=True, help="JSON list of {q, expect}")
    parser.add_argument("--type", help="a query typed into the box, after the cases")
    parser.add_argument("--type-expect", help="the first slug the typed query must find")
    parser.add_argument("--broken-root", help="a copy of the site with corrupt index shards")
    parser.add_argument("--timeout", type=float, default=20.0)
    args = parser.parse_args()
    cases = json.loads(args.cases)

    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        fail(2, "selenium is not installed: run scripts/install-test-deps")
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver_path = shutil.which("chromedriver")
    if not browser or not driver_path:
        fail(2, "chromium or chromedriver is missing: run scripts/install-test-deps")

    server, base = serve(args.root)
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--window-size=400,900", "--lang=ar"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
    driver.set_page_load_timeout(args.timeout)
    result = {"ok": True, "cases": [], "failures": [], "console": []}
    try:
        for case in cases:
            driver.get(base + "/search/?" + urllib.parse.urlencode({"q": case["q"]}))
            seen = wait(driver, args.timeout)
            got = [slug(link) for link in seen["links"]] if seen else None
            result["cases"].append({"q": case["q"][:40], "got": got, "status": seen and seen["status"],
                                    "marks": seen and seen["marks"][:6]})
            if got != case["expect"]:
                result["failures"].append({"q": case["q"][:40], "expected": case["expect"], "got": got})
        if args.type:
            driver.get(base + "/search/")
            box = driver.find_element("id", "search-query")
            box.send_keys(args.type)
            end, got = time.time() + args.timeout, []
            while time.time() < end and not got:
                seen = driver.execute_script(DONE)
                got = [slug(link) for link in seen["links"]] if seen else []
                time.sleep(0.05)
            result["typed"] = {"q": args.type, "got": got, "url": urllib.parse.unquote(driver.current_url)}
            if not got or got[0] != args.type_expect:
                result["failures"].append({"typed": args.type, "got": got})
        for entry in driver.get_log("browser"):
            # The static server has no favicon, which Chromium asks for by itself.
            if entry.get("level") in ("SEVERE", "WARNING") and "favicon.ico" not in entry.get("message", ""):
                result["console"].append(entry.get("message", "")[:200])
        if args.broken_root:
            broken, broken_base = serve(args.broken_root)
            try:
                driver.get(broken_base + "/search/?" + urllib.parse.urlencode({"q": cases[0]["q"]}))
                seen = wait(driver, args.timeout)
                result["broken"] = seen and seen["status"]
                if not seen or seen["links"]:
                    result["failures"].append({"broken": seen})
            finally:
                broken.shutdown()
    finally:
        driver.quit()
        server.shutdown()
    result["ok"] = not result["failures"] and not result["console"]
    print(json.dumps(result, ensure_ascii=False))
    sys.exit(0 if result["ok"] else 1)


if __name__ == "__main__":
    main()
