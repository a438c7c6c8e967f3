// Nashra's search: reads the index files the build wrote under search/ and shows results on
// /search/. The text rules (words, folding, stemming) repeat Nashra's SearchText,
// ArabicStemmer, EnglishStemmer and SearchAnalyzer; Tests/Fixtures/search-analysis/cases.json
// holds both to the same outputs.
(function () {
  "use strict";

  // ---------- Text: words, folding, stemming ----------

  var ZWNJ = 0x200c;
  var WORD = /[\p{L}\p{Nd}\p{M}]/u;
  var MAX_WORD = 40;

  function isDropped(c) {
    return c === 0xad || c === 0x200b || c === 0x200d || c === 0x200e || c === 0x200f || c === 0xfeff || c === 0x61c ||
      (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
  }

  function foldWord(chars) {
    var out = [];
    for (var i = 0; i < chars.length; i++) {
      var ch = chars[i], c = ch.codePointAt(0);
      if ((c >= 0x64b && c <= 0x65f) || c === 0x670 || (c >= 0x6d6 && c <= 0x6ed) || c === 0x640) continue;
      if (c === 0x622 || c === 0x623 || c === 0x625 || c === 0x671) out.push("\u0627");
      else if (c === 0x649 || c === 0x6cc || c === 0x626) out.push("\u064a");
      else if (c === 0x6a9) out.push("\u0643");
      else if (c === 0x624) out.push("\u0648");
      else if (c >= 0x660 && c <= 0x669) out.push(String.fromCharCode(c - 0x660 + 48));
      else if (c >= 0x6f0 && c <= 0x6f9) out.push(String.fromCharCode(c - 0x6f0 + 48));
      else if (c < 0x80) out.push(ch.toLowerCase());
      else Array.prototype.push.apply(out, Array.from(ch.toLowerCase()));
    }
    while (out.length && out[out.length - 1] === "\u200c") out.pop();
    if (out.length && out[out.length - 1] === "\u0629") out[out.length - 1] = "\u0647";
    if (out.length > MAX_WORD) out.length = MAX_WORD;
    return out.join("");
  }

  // Each word of `text` with where it starts and ends in `text` (UTF-16 offsets, for marking).
  function wordSpans(text) {
    var spans = [], current = [], start = -1, end = -1, offset = 0;
    function finish() {
      while (current.length && current[current.length - 1] === "\u200c") current.pop();
      if (current.length) {
        var word = foldWord(current);
        if (word) spans.push({ word: word, start: start, end: end });
      }
      current = [];
      start = -1;
    }
    var chars = Array.from(String(text).normalize("NFC"));
    for (var i = 0; i < chars.length; i++) {
      var ch = chars[i], c = ch.codePointAt(0);
      if (c === ZWNJ) {
        if (current.length) current.push(ch);
      } else if (isDropped(c)) {
        // invisible: neither part of the word nor a boundary
      } else if (WORD.test(ch)) {
        if (start < 0) start = offset;
        current.push(ch);
        end = offset + ch.length;
      } else {
        finish();
      }
      offset += ch.length;
    }
    finish();
    return spans;
  }

  function words(text) {
    return wordSpans(text).map(function (s) { return s.word; });
  }

  var ARTICLES = ["وبال", "وكال", "وال", "فال", "بال", "كال", "ولل", "فلل", "لل", "ال"];
  var CLITICS = [["و", 3], ["ف", 4], ["ب", 4], ["ك", 4], ["ل", 4]];
  var SUFFIXES = [["ها", 3], ["ان", 4], ["ات", 4], ["ون", 4], ["ين", 4], ["يه", 3], ["ه", 3], ["ي", 3]];
  function len(s) { return Array.from(s).length; }
  function startsWith(s, p) { return s.slice(0, p.length) === p; }
  function endsWith(s, p) { return s.length >= p.length && s.slice(s.length - p.length) === p; }

  function arabicStemmer(names) {
    function name(w) {
      if (names.has(w)) return w;
      if (endsWith(w, "يه") && len(w) > 3) {
        var alt = w.slice(0, w.length - 2) + "يا";
        if (names.has(alt)) return alt;
      }
      return null;
    }
    return function stem(word) {
      if (len(word) < 2) return word;
      var n = name(word);
      if (n) return n;
      var stripped = false, i, rest;
      for (i = 0; i < ARTICLES.length; i++) {
        if (!startsWith(word, ARTICLES[i])) continue;
        rest = word.slice(ARTICLES[i].length);
        if ((n = name(rest)) || (n = name("ال" + rest))) return n;
        if (len(rest) >= 2) { word = rest; stripped = true; }
        break;
      }
      if (!stripped) {
        for (var round = 0; round < 2; round++) {
          var clitic = null;
          for (i = 0; i < CLITICS.length; i++) if (startsWith(word, CLITICS[i][0])) { clitic = CLITICS[i]; break; }
          if (!clitic) break;
          rest = word.slice(clitic[0].length);
          if ((n = name(rest)) || (n = name("ال" + rest))) return n;
          if (len(rest) < clitic[1]) break;
          word = rest;
        }
      }
      if ((n = name(word))) return n;
      for (i = 0; i < SUFFIXES.length; i++) {
        var s = SUFFIXES[i][0];
        if (endsWith(word, s) && len(word) - len(s) >= SUFFIXES[i][1]) word = word.slice(0, word.length - s.length);
      }
      return word;
    };
  }

  function englishStem(word) {
    if (word.length <= 3 || !/^[a-z]+$/.test(word)) return word;
    var hasVowel = function (w) { return /[aeiouy]/.test(w); };
    var ends = function (w, s) { return w.length > s.length && w.slice(-s.length) === s; };
    if (ends(word, "sses")) word = word.slice(0, -2);
    else if (ends(word, "ies") && word.length > 4) word = word.slice(0, -3) + "y";
    else if (ends(word, "s") && !ends(word, "ss") && !ends(word, "us") && !ends(word, "is")) word = word.slice(0, -1);
    var suffixes = ["ing", "ed"];
    for (var i = 0; i < suffixes.length; i++) {
      if (!ends(word, suffixes[i])) continue;
      var rest = word.slice(0, -suffixes[i].length);
      if (rest.length < 3 || !hasVowel(rest)) break;
      word = rest;
      var last = word[word.length - 1];
      if (word.length > 3 && word[word.length - 2] === last && "aeioulsz".indexOf(last) < 0) word = word.slice(0, -1);
      break;
    }
    if (ends(word, "ly") && word.length - 2 >= 3 && hasVowel(word.slice(0, -2))) word = word.slice(0, -2);
    return word;
  }

  var STOP = new Set(["في", "من", "علي", "الي", "عن", "ان", "مع", "هذا", "هذه", "التي", "الذي", "الذين", "كان", "كانت", "قد",
    "لا", "ما", "او", "ثم", "بين", "كما", "حتي", "ذلك", "تلك", "هو", "هي", "منذ", "عند", "اي", "لم", "لن", "كل", "و", "ف", "ب", "ل",
    "the", "a", "an", "and", "or", "of", "to", "in", "on", "for", "is", "was", "are", "were", "be", "by", "with", "at",
    "from", "as", "that", "this", "it", "its"]);

  function script(word) {
    var arabic = false, chars = Array.from(word);
    for (var i = 0; i < chars.length; i++) {
      var c = chars[i].codePointAt(0);
      if (c === 0x67e || c === 0x686 || c === 0x698 || c === 0x6af || c === 0x200c) return "other";
      if (c >= 0x621 && c <= 0x64a) arabic = true;
      else if (c >= 0x61 && c <= 0x7a && !arabic) return "latin";
    }
    return arabic ? "arabic" : "other";
  }

  function analyzer(names) {
    var arabic = arabicStemmer(new Set(names));
    function term(word) {
      if (STOP.has(word)) return null;
      var kind = script(word);
      return kind === "arabic" ? arabic(word) : kind === "latin" ? englishStem(word) : word;
    }
    return {
      term: term,
      terms: function (text) { return words(text).map(term).filter(function (t) { return t !== null; }); }
    };
  }

  // ---------- Queries ----------

  var MAX_TERMS = 10;

  // Free words and "quoted phrases" (also “…” and «…»): every term is required; a phrase
  // also requires each pair of its neighbouring terms.
  function parseQuery(query, analyze) {
    query = String(query).slice(0, 2000);
    var terms = [], pairs = [];
    function add(term) { if (terms.indexOf(term) < 0 && terms.length < MAX_TERMS) terms.push(term); }
    var free = query.replace(/["“”«»]([^"“”«»]*)["“”«»]/g, function (_, phrase) {
      var own = analyze.terms(phrase);
      own.forEach(add);
      for (var i = 1; i < own.length; i++) {
        var pair = own[i - 1] + " " + own[i];
        if (pairs.indexOf(pair) < 0 && pairs.length < MAX_TERMS) pairs.push(pair);
      }
      return " ";
    });
    analyze.terms(free).forEach(add);
    return { terms: terms, pairs: pairs };
  }

  function shardOf(key, count) {
    var bytes = new TextEncoder().encode(key), hash = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) {
      hash ^= bytes[i];
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return (hash & (count - 1)) >>> 0;
  }

  function decodeTerm(list) {
    var out = [], doc = 0;
    for (var i = 0; i < list.length; i++) {
      doc += Math.floor(list[i] / 3);
      out.push([doc, (list[i] % 3) + 1]);
    }
    return out;
  }

  function decodePair(list) {
    var out = [], doc = 0;
    for (var i = 0; i < list.length; i++) { doc += list[i]; out.push([doc, 0]); }
    return out;
  }

  // Ranked documents for a parsed query and filters, with `load(path)` returning a promise of
  // parsed JSON. Score: the sum over terms of ln(1 + N/df) × weight; ties go to the newer.
  function rank(manifest, query, filters, load) {
    var lists = [];
    var wanted = query.terms.map(function (t) { return { key: t, kind: "t", scored: true }; })
      .concat(query.pairs.map(function (p) { return { key: p, kind: "p", scored: false }; }))
      .concat(filters.map(function (f) { return { key: f, kind: "t", scored: false }; }));
    return Promise.all(wanted.map(function (w, index) {
      var count = w.kind === "t" ? manifest.termShards : manifest.pairShards;
      return load(w.kind + "/" + shardOf(w.key, count) + ".json").then(function (shard) {
        var raw = Object.prototype.hasOwnProperty.call(shard, w.key) ? shard[w.key] : null;
        if (raw !== null && !Array.isArray(raw)) throw new Error("corrupt shard");
        lists[index] = { wanted: w, postings: raw ? (w.kind === "t" ? decodeTerm(raw) : decodePair(raw)) : [] };
      });
    })).then(function () {
      if (!query.terms.length || lists.some(function (l) { return !l.postings.length; })) return [];
      lists.sort(function (a, b) { return a.postings.length - b.postings.length; });
      var scores = new Map();
      lists[0].postings.forEach(function (p) { scores.set(p[0], 0); });
      lists.forEach(function (l) {
        var seen = new Map(), idf = Math.log(1 + manifest.documents / l.postings.length);
        l.postings.forEach(function (p) { if (scores.has(p[0])) seen.set(p[0], p[1]); });
        scores.forEach(function (score, doc) {
          if (!seen.has(doc)) scores.delete(doc);
          else if (l.wanted.scored) scores.set(doc, score + idf * seen.get(doc));
        });
      });
      var ranked = [];
      scores.forEach(function (score, doc) { ranked.push({ doc: doc, score: score }); });
      ranked.sort(function (a, b) { return b.score - a.score || b.doc - a.doc; });
      return ranked;
    });
  }

  // ---------- The page ----------

  var PER_PAGE = 10;

  function start() {
    var root = document.getElementById("search");
    if (!root) return;
    root.hidden = false;
    var base = root.getAttribute("data-index");
    var input = document.getElementById("search-query");
    var status = document.getElementById("search-status");
    var results = document.getElementById("search-results");
    var pages = document.getElementById("search-pages");
    var filterBox = document.getElementById("search-filters");
    var locationSelect = document.getElementById("search-location");
    var tagSelect = document.getElementById("search-tag");
    var cache = new Map();
    var manifestPromise = null;
    var run = 0;
    function text(name) { return root.getAttribute("data-" + name) || ""; }

    function load(path) {
      if (!cache.has(path)) {
        cache.set(path, fetch(base + path).then(function (response) {
          if (!response.ok) throw new Error("missing " + path);
          return response.json();
        }).then(function (value) {
          if (!value || typeof value !== "object") throw new Error("corrupt " + path);
          return value;
        }));
      }
      return cache.get(path);
    }
    function manifest() {
      if (!manifestPromise) manifestPromise = load("manifest.json");
      return manifestPromise;
    }

    function state() {
      var params = new URLSearchParams(location.search);
      return { q: params.get("q") || "", loc: params.get("loc") || "", tag: params.get("tag") || "",
        page: Math.max(1, parseInt(params.get("page"), 10) || 1) };
    }
    function href(s) {
      var params = new URLSearchParams();
      if (s.q) params.set("q", s.q);
      if (s.loc) params.set("loc", s.loc);
      if (s.tag) params.set("tag", s.tag);
      if (s.page > 1) params.set("page", String(s.page));
      var query = params.toString();
      return location.pathname + (query ? "?" + query : "");
    }

    function el(name, className, content) {
      var node = document.createElement(name);
      if (className) node.className = className;
      if (content !== undefined) node.textContent = content;
      return node;
    }
    function marked(textValue, termSet, analyze) {
      var fragment = document.createDocumentFragment(), at = 0;
      textValue = String(textValue).normalize("NFC");
      wordSpans(textValue).forEach(function (span) {
        var term = analyze.term(span.word);
        if (term === null || !termSet.has(term)) return;
        fragment.appendChild(document.createTextNode(textValue.slice(at, span.start)));
        fragment.appendChild(el("mark", "", textValue.slice(span.start, span.end)));
        at = span.end;
      });
      fragment.appendChild(document.createTextNode(textValue.slice(at)));
      return fragment;
    }
    function message(value) {
      status.textContent = value;
    }
    function fillSelect(select, anyLabel, options, chosen) {
      select.textContent = "";
      var any = el("option", "", anyLabel);
      any.value = "";
      select.appendChild(any);
      options.forEach(function (name, slug) {
        var option = el("option", "", name);
        option.value = slug;
        if (slug === chosen) option.selected = true;
        select.appendChild(option);
      });
    }

    function show(s) {
      var mine = ++run;
      results.textContent = "";
      pages.hidden = true;
      pages.textContent = "";
      var current = document.querySelector(".site-search input");
      if (current && !current.value) current.value = s.q;
      if (!s.q.trim()) { message(""); filterBox.hidden = true; return Promise.resolve(); }
      message(text("loading"));
      return manifest().then(function (m) {
        var analyze = analyzer(m.names || []);
        var query = parseQuery(s.q, analyze);
        var filters = [];
        if (s.loc) filters.push("@l:" + s.loc);
        if (s.tag) filters.push("@t:" + s.tag);
        return rank(m, query, filters, load).then(function (ranked) {
          if (mine !== run) return;
          if (!ranked.length) { message(text("no-results")); filterBox.hidden = !(s.loc || s.tag); return; }
          var pageCount = Math.ceil(ranked.length / PER_PAGE);
          var page = Math.min(s.page, pageCount);
          var shown = ranked.slice((page - 1) * PER_PAGE, page * PER_PAGE);
          return Promise.all(shown.map(function (r) {
            return load("d/" + Math.floor(r.doc / m.perShard) + ".json").then(function (shard) {
              var doc = shard[r.doc % m.perShard];
              if (!doc) throw new Error("corrupt document shard");
              return doc;
            });
          })).then(function (docs) {
            if (mine !== run) return;
            message(text("count").replace("{n}", String(ranked.length)));
            var termSet = new Set(query.terms);
            var locations = new Map(), tags = new Map();
            docs.forEach(function (doc) {
              var article = el("article", "bulletin-item");
              article.lang = doc.lang || "";
              article.dir = doc.dir || "auto";
              var h2 = el("h2", "item-title"), a = el("a");
              a.href = doc.u;
              a.appendChild(marked(doc.t, termSet, analyze));
              h2.appendChild(a);
              article.appendChild(h2);
              var meta = el("p", "item-meta");
              if (doc.l) {
                meta.appendChild(el("bdi", "location", doc.l[0]));
                meta.appendChild(document.createTextNode(" "));
                locations.set(doc.l[1], doc.l[0]);
              }
              var time = el("time", "", doc.dd);
              time.dateTime = doc.d;
              var bdi = el("bdi", "date");
              bdi.appendChild(time);
              meta.appendChild(bdi);
              article.appendChild(meta);
              if (doc.s) {
                var p = el("p", "summary");
                p.appendChild(marked(doc.s, termSet, analyze));
                article.appendChild(p);
              }
              (doc.g || []).forEach(function (tag) { tags.set(tag[1], tag[0]); });
              results.appendChild(article);
            });
            if (s.loc && !locations.has(s.loc)) locations.set(s.loc, s.loc);
            if (s.tag && !tags.has(s.tag)) tags.set(s.tag, s.tag);
            fillSelect(locationSelect, text("any-location"), locations, s.loc);
            fillSelect(tagSelect, text("any-tag"), tags, s.tag);
            filterBox.hidden = false;
            if (pageCount > 1) {
              if (page > 1) pages.appendChild(pageLink(s, page - 1, text("previous"), "prev"));
              pages.appendChild(el("span", "status", page + " / " + pageCount));
              if (page < pageCount) pages.appendChild(pageLink(s, page + 1, text("next"), "next"));
              pages.hidden = false;
            }
          });
        });
      }).catch(function () {
        if (mine !== run) return;
        results.textContent = "";
        message(text("broken"));
      });
    }
    function pageLink(s, page, label, rel) {
      var a = el("a", rel, label);
      a.rel = rel;
      a.href = href({ q: s.q, loc: s.loc, tag: s.tag, page: page });
      return a;
    }
    function go(s) {
      try { history.replaceState(null, "", href(s)); } catch (e) { /* a file: URL */ }
      show(s);
    }

    var initial = state();
    input.value = initial.q;
    show(initial);
    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { go({ q: input.value, loc: "", tag: "", page: 1 }); }, 150);
    });
    input.form.addEventListener("submit", function (event) {
      event.preventDefault();
      clearTimeout(timer);
      go({ q: input.value, loc: "", tag: "", page: 1 });
    });
    locationSelect.addEventListener("change", function () {
      var s = state();
      go({ q: s.q, loc: locationSelect.value, tag: s.tag, page: 1 });
    });
    tagSelect.addEventListener("change", function () {
      var s = state();
      go({ q: s.q, loc: s.loc, tag: tagSelect.value, page: 1 });
    });
  }

  var api = { words: words, analyzer: analyzer, parseQuery: parseQuery, shardOf: shardOf, rank: rank };
  if (typeof module === "object" && module.exports) module.exports = api;
  else if (typeof document !== "undefined") {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
    else start();
  }
})();
