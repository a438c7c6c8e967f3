import NashraCore

/// One edition's search index as the previous build left it in the output, kept by `BuildMemory`
/// (`nashra serve`): what the search stage would otherwise make again from every document of the
/// archive (its key, the analyzer, the documents in order and the index state), so that after a
/// body edit it looks only at the edited documents. Valid while the plan is patched from the same
/// memory: the same documents, terms and settings.
struct SearchMemory {
    /// What terms depend on besides the file (`SearchTermCache.key`).
    var key: UInt64
    /// The names the stemmer keeps whole, sorted (for the manifest), and the analyzer made of them.
    var names: [String]
    var analyzer: SearchAnalyzer
    /// Bulletin indices in document order (oldest first: descending indices).
    var documents: [Int]
    /// The state the output's index was written from.
    var state: SearchIndexState
    /// Every file of the index (for the manifest).
    var paths: [String]

    /// The document number of bulletin `index`, if it is a document: `documents` descend, so
    /// it is found by halving.
    func document(of index: Int) -> Int? {
        var low = 0, high = documents.count
        while low < high {
            let middle = (low + high) / 2
            if documents[middle] > index { low = middle + 1 } else { high = middle }
        }
        return low < documents.count && documents[low] == index ? low : nil
    }
}
