import NashraCore

/// Up to `limit` bulletins that share the most tags and location with each bulletin, newest first
/// among equals.
///
/// Candidates come from the bulletin's own terms (an inverted index the planner already has), and
/// from each term only its newest `perTerm` bulletins, so the work grows with the archive's size
/// times a constant, never with the number of pairs. Scores are counted in one reused array.
enum RelatedBulletins {
    static func find(tagTerms: [[Int]], locationTerm: [Int?], tags: Taxonomy, locations: Taxonomy,
                     limit: Int = 5, perTerm: Int = 100) -> [[Int]] {
        let count = tagTerms.count
        guard count > 1 else { return Array(repeating: [], count: count) }
        // Work in chunks so each worker reuses one score array.
        let chunks = Array(stride(from: 0, to: count, by: 512))
        return chunks.parallelMap { start -> [[Int]] in
            var scores = [UInt16](repeating: 0, count: count)
            var touched: [Int] = []
            var result: [[Int]] = []
            for index in start..<min(start + 512, count) {
                func add(_ bulletins: [Int]) {
                    for other in bulletins.prefix(perTerm) where other != index {
                        if scores[other] == 0 { touched.append(other) }
                        scores[other] &+= 1
                    }
                }
                for term in tagTerms[index] { add(tags.terms[term].bulletins) }
                if let term = locationTerm[index] { add(locations.terms[term].bulletins) }
                // Indices are newest first, so the smaller index wins a tie.
                var best: [(score: UInt16, index: Int)] = []
                for other in touched {
                    let candidate = (score: scores[other], index: other)
                    scores[other] = 0
                    if best.count == limit, let last = best.last,
                       candidate.score < last.score || (candidate.score == last.score && candidate.index > last.index) { continue }
                    let position = best.firstIndex { candidate.score > $0.score || (candidate.score == $0.score && candidate.index < $0.index) } ?? best.count
                    best.insert(candidate, at: position)
                    if best.count > limit { best.removeLast() }
                }
                touched.removeAll(keepingCapacity: true)
                result.append(best.map(\.index))
            }
            return result
        }.flatMap { $0 }
    }
}
