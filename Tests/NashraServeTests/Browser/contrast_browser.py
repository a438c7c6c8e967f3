#!/usr/bin/env python3
"""Serves a built site on 127.0.0.1, opens some of its pages in headless Chromium in the light and
the dark colour scheme, and measures the WCAG contrast of every visible piece of text: each text node
and each ::before/::after content, in its computed colour over its effective background (the
background colours of its ancestors, composed until an opaque one).

axe-core is not used: it does not evaluate Arabic text reliably. Run by ContrastTests.swift. Exit
status: 0 when every text reaches AA (4.5:1, 3:1 for large text), 1 when some does not, 2 when
Chromium, its driver or selenium is missing. Prints one JSON line with what it measured.
"""
import argparse
import functools
import http.server
import json
import shutil
import sys
import threading
import urllib.parse

MEASURE = r"""
const parse = (text) => {
  const match = /rgba?\(([^)]*)\)/.exec(text);
  if (!match) return null;
  const parts = match[1].split(/[\s,\/]+/).filter(Boolean).map(Number);
  return {r: parts[0], g: parts[1], b: parts[2], a: parts.length > 3 ? parts[3] : 1};
};
const over = (top, bottom) => ({
  r: top.r * top.a + bottom.r * (1 - top.a), g: top.g * top.a + bottom.g * (1 - top.a),
  b: top.b * top.a + bottom.b * (1 - top.a), a: 1,
});
const luminance = (c) => {
  const channel = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
  return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
};
const ratio = (a, b) => {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
};
const hex = (c) => '#' + [c.r, c.g, c.b].map((v) => Math.round(v).toString(16).padStart(2, '0')).join('');
// The background an element's text is drawn on: its own and its ancestors' colours, composed
// from the first opaque one outward; the canvas (white) if none is.
const background = (element, own) => {
  const layers = own && own.a > 0 ? [own] : [];
  for (let e = element; e && (!layers.length || layers[layers.length - 1].a < 1); e = e.parentElement) {
    const colour = parse(getComputedStyle(e).backgroundColor);
    if (colour && colour.a > 0) layers.push(colour);
  }
  return layers.reverse().reduce((below, layer) => over(layer, below), {r: 255, g: 255, b: 255, a: 1});
};
// Text a reader cannot see: hidden, transparent, or clipped to a pixel (the visually-hidden h1).
const hidden = (element) => {
  for (let e = element; e; e = e.parentElement) {
    const style = getComputedStyle(e);
    if (style.visibility !== 'visible' || style.opacity === '0' || style.display === 'none') return true;
    const box = e.getBoundingClientRect();
    if (style.overflow !== 'visible' && box.width * box.height <= 1) return true;
  }
  return false;
};
const describe = (element) => {
  const parts = [];
  for (let e = element; e && e !== document.body && parts.length < 4; e = e.parentElement) {
    parts.unshift(e.tagName.toLowerCase() + (e.classList.length ? '.' + [...e.classList].join('.') : ''));
  }
  return parts.join(' > ');
};
const results = {checked: 0, failures: []};
const measure = (element, style, text, own) => {
  const fontSize = parseFloat(style.fontSize);
  const large = fontSize >= 24 || (fontSize >= 18.66 && Number(style.fontWeight) >= 700);
  const needed = large ? 3 : 4.5;
  const ground = background(element, own);
  const colour = over(parse(style.color), ground);
  const value = ratio(colour, ground);
  results.checked += 1;
  if (value < needed) {
    results.failures.push({text: text.trim().slice(0, 40), element: describe(element), color: hex(colour),
                           background: hex(ground), ratio: Math.round(value * 100) / 100, needed});
  }
};
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
for (let node = walker.nextNode(); node; node = walker.nextNode()) {
  if (!node.data.trim()) continue;
  const element = node.parentElement;
  const range = document.createRange();
  range.selectNodeContents(node);
  if (![...range.getClientRects()].some((r) => r.width > 0 && r.height > 0) || hidden(element)) continue;
  measure(element, getComputedStyle(element), node.data, null);
}
for (const element of document.body.querySelectorAll('*')) {
  if (!element.getClientRects().length || hidden(element)) continue;
  for (const pseudo of ['::before', '::after']) {
    const style = getComputedStyle(element, pseudo);
    const content = style.content;
    if (!content || content === 'none' || content === 'normal' || style.display === 'none') continue;
    const text = content.replace(/^"|"$/g, '');
    if (!text.trim()) continue;
    measure(element, style, text, parse(style.backgroundColor));
  }
}
results.scheme = matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
return results;
"""


def fail(status, message, **details):
    print(json.dumps({"ok": False, "error": message, **details}, ensure_ascii=False))
    sys.exit(status)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", required=True, help="the built site")
    parser.add_argument("--page", action="append", required=True, help="a page's path below the root, e.g. /tags/طقس/")
    parser.add_argument("--timeout", type=float, default=20.0, help="seconds for each page load")
    args = parser.parse_args()

    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        fail(2, "selenium is not installed: run scripts/install-serve-test-deps")
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver_path = shutil.which("chromedriver")
    if not browser or not driver_path:
        fail(2, "chromium or chromedriver is missing: run scripts/install-serve-test-deps")

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=args.root))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"

    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--window-size=1280,1600", "--lang=ar"):
        options.add_argument(argument)
    # The driver is named outright, so selenium never looks for one to download.
    driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
    driver.set_page_load_timeout(args.timeout)
    result = {"ok": True, "checked": {}, "failures": []}
    try:
        for scheme in ("light", "dark"):
            driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {
                "media": "", "features": [{"name": "prefers-color-scheme", "value": scheme}]})
            for page in args.page:
                driver.get(base + urllib.parse.quote(page))
                measured = driver.execute_script(MEASURE)
                if measured["scheme"] != scheme:
                    fail(1, f"the page was not shown in the {scheme} scheme", page=page)
                result["checked"][f"{scheme} {page}"] = measured["checked"]
                for failure in measured["failures"]:
                    result["failures"].append({"scheme": scheme, "page": page, **failure})
    finally:
        driver.quit()
        server.shutdown()
    result["ok"] = not result["failures"]
    print(json.dumps(result, ensure_ascii=False))
    sys.exit(0 if result["ok"] else 1)


if __name__ == "__main__":
    main()
