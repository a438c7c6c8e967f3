// Reads {"search": path of search.js, "names": [...], "texts": [...], "queries": [...]} from the file named
// as its argument,
// and prints each text's words and terms and each query's terms and pairs as search.js makes
// them, for SearchAnalysisTests to compare with Swift's.
const input = JSON.parse(require("fs").readFileSync(process.argv[2], "utf8"));
const search = require(input.search);
const analyze = search.analyzer(input.names);
process.stdout.write(JSON.stringify({
  words: input.texts.map((t) => search.words(t)),
  terms: input.texts.map((t) => analyze.terms(t)),
  queries: input.queries.map((q) => search.parseQuery(q, analyze)),
  shards: input.texts.map((t) => search.shardOf(t, 1024)),
}));
