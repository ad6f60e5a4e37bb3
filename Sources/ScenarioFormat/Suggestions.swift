/// "Did you mean …?" suggestions for misspelt keys, ids and enum values.
enum Suggestions {
    /// The candidate closest to `typed`: edit distance ≤ 2 (insertions, deletions, substitutions
    /// and transpositions of adjacent letters, so `BRO` is one edit from `BOR`) (and less than the longer
    /// word's length, so a one-letter word matches nothing), or a prefix match of at least three
    /// characters in either direction. Comparison ignores case; ties go to the earlier candidate.
    ///
    /// Words longer than `maxLength` scalars are not typos of anything: they get no suggestion
    /// and are never suggested, which keeps a hostile file's long ids from costing
    /// O(|typed| · |candidate|) each.
    ///
    /// - Complexity: O(n · |typed| · |candidate|) for n candidates, with both at most `maxLength`.
    static func closest(to typed: String, in candidates: [String]) -> String? {
        guard typed.utf8.count <= 4 * maxLength else { return nil }
        let word = Array(typed.lowercased().unicodeScalars)
        guard !word.isEmpty, word.count <= maxLength else { return nil }
        var best: (candidate: String, score: Int)?
        for candidate in candidates where candidate != typed && candidate.utf8.count <= 4 * maxLength {
            let other = Array(candidate.lowercased().unicodeScalars)
            guard other.count <= maxLength else { continue }
            let distance = abs(word.count - other.count) > 2 ? Int.max : editDistance(word, other)
            var score = Int.max
            if distance <= 2 && distance < max(word.count, other.count) {
                score = distance
            } else if min(word.count, other.count) >= 3 && (other.starts(with: word) || word.starts(with: other)) {
                score = 3
            }
            if score != Int.max && score < (best?.score ?? Int.max) { best = (candidate, score) }
        }
        return best?.candidate
    }

    /// Longest word considered for suggestions, in Unicode scalars.
    static let maxLength = 64

    /// "did you mean 'x'?" when there is a close candidate, else `fallback`.
    static func hint(for typed: String, in candidates: [String], fallback: String? = nil) -> String? {
        if let match = closest(to: typed, in: candidates) { return "did you mean '\(match)'?" }
        return fallback
    }

    /// A hint listing `candidates` (quoted, comma separated) when there are at most `limit`.
    static func list(_ label: String, _ candidates: [String], limit: Int = 12) -> String? {
        guard !candidates.isEmpty, candidates.count <= limit else { return nil }
        return "\(label): " + candidates.joined(separator: ", ")
    }

    /// Optimal string alignment distance: Levenshtein plus transpositions of adjacent scalars
    /// (each substring edited at most once), three-row dynamic programming.
    ///
    /// - Complexity: O(|a| · |b|) time, O(|b|) memory.
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var older = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(substitution, previous[j] + 1, current[j - 1] + 1)
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], older[j - 2] + 1)
                }
            }
            (older, previous, current) = (previous, current, older)
        }
        return previous[b.count]
    }

    /// Edit distance (insertions, deletions, substitutions), two-row dynamic programming.
    static func levenshtein(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(substitution, previous[j] + 1, current[j - 1] + 1)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
