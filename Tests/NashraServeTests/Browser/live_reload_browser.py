#!/usr/bin/env python3
"""Opens a bulletin of a running `nashra serve` in headless Chromium, appends a paragraph to its
Markdown on disk, and waits (bounded) for the new text to appear without anyone reloading the page.

Run by BrowserTests.swift. Exit status: 0 when the text appeared, 1 when it did not, 2 when Chromium,
its driver or selenium is missing (scripts/install-test-deps installs them). Prints one JSON
line with what it saw.
"""
import argparse
import json
import shutil
import sys
import time


def fail(status, message, **details):
    print(json.dumps({"ok": False, "error": message, **details}, ensure_ascii=False))
    sys.exit(status)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True, help="the bulletin's address on the preview")
    parser.add_argument("--markdown", required=True, help="the bulletin's Markdown file")
    parser.add_argument("--text", required=True, help="the paragraph to add")
    parser.add_argument("--arabic-url", help="an address typed with raw Arabic letters, opened at the end")
    parser.add_argument("--arabic-title", help="text the page at --arabic-url has in its <h1>")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds to wait for each step")
    args = parser.parse_args()

    try:
        from selenium import webdriver
        from selenium.common.exceptions import WebDriverException
        from selenium.webdriver.chrome.service import Service
        from selenium.webdriver.common.by import By
    except ImportError:
        fail(2, "selenium is not installed: run scripts/install-test-deps")
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver_path = shutil.which("chromedriver")
    if not browser or not driver_path:
        fail(2, "chromium or chromedriver is missing: run scripts/install-test-deps")

    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--window-size=1024,768", "--lang=ar"):
        options.add_argument(argument)
    # The driver is named outright, so selenium never looks for one to download.
    driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
    driver.set_page_load_timeout(args.timeout)
    driver.set_script_timeout(args.timeout)

    def wait_for(condition, what):
        deadline = time.monotonic() + args.timeout
        while time.monotonic() < deadline:
            try:
                if condition():
                    return
            except WebDriverException:
                pass  # the page is between two loads
            time.sleep(0.05)
        fail(1, f"timed out after {args.timeout} s waiting for {what}",
             url=driver.current_url, page=driver.page_source[-2000:])

    try:
        driver.get(args.url)
        wait_for(lambda: driver.execute_script(
            "return !!window.__nashraLiveReload && window.__nashraLiveReload.readyState === 1"),
            "the live-reload stream to open")
        main_text = lambda: driver.find_element(By.TAG_NAME, "main").text
        if args.text in main_text():
            fail(1, "the new text is on the page before the save")
        title = driver.title
        # Gone after a real reload; a page patched in place, or never reloaded, keeps it.
        driver.execute_script("window.__nashraBeforeSave = true")

        with open(args.markdown, encoding="utf-8") as file:
            markdown = file.read()
        saved = time.monotonic()
        with open(args.markdown, "w", encoding="utf-8") as file:
            file.write(markdown.rstrip("\n") + "\n\n" + args.text + "\n")

        wait_for(lambda: args.text in main_text(), "the new text to appear")
        shown = time.monotonic()
        reloaded = driver.execute_script("return window.__nashraBeforeSave === undefined")
        if not reloaded:
            fail(1, "the text appeared but the page was not reloaded")
        result = {"ok": True, "title": title, "save_to_text_ms": round((shown - saved) * 1000)}

        if args.arabic_url:
            # Typed as a person types it; the browser percent-encodes the path before sending it.
            driver.get(args.arabic_url)
            heading = driver.find_element(By.TAG_NAME, "h1").text
            if args.arabic_title not in heading:
                fail(1, "the address typed in Arabic did not open its page", url=driver.current_url, heading=heading)
            result["arabic_url_sent_as"] = driver.current_url
        print(json.dumps(result, ensure_ascii=False))
    finally:
        driver.quit()


if __name__ == "__main__":
    main()
