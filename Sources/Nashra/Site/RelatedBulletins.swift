/// Up to `limit` bulletins that share the most tags and location with each bulletin, newest first
/// among equals.
///
/// Candidates come from the bulletin's own terms (an inverted index the planner already has), and
/// from each term only its newest `perTerm` bulletins, so the work grows with the archive's size
/// times a constant, never with the number of pairs.
enum RelatedBulletins {
    static func find(tagTerms: [[Int]], locationTerm: [Int?], tags: Taxonomy, locations: Taxonomy,
                     limit: Int = 5, perTerm: Int = 100) -> [[Int]] {
        tagTerms.indices.map { index in
            var scores: [Int: Int] = [:]
            func count(_ bulletins: [Int]) {
                for other in bulletins.prefix(perTerm) where other != index { scores[other, default: 0] += 1 }
            }
            for term in tagTerms[index] { count(tags.terms[term].bulletins) }
            if let term = locationTerm[index] { count(locations.terms[term].bulletins) }
            // Indices are newest first, so the smaller index wins a tie.
            return scores.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
                .prefix(limit).map(\.key)
        }
    }
}
