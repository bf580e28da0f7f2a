/// Finds the candidate closest to a mistyped word, for "did you mean" hints.
enum SpellingSuggestion {
    /// The candidate within a small edit distance of `word` (the closest one), or nil.
    static func closest(to word: String, among candidates: [String]) -> String? {
        let limit = max(1, min(3, word.count / 3))
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(Array(word), Array(candidate))
            if distance <= limit, distance < (best?.distance ?? Int.max) {
                best = (candidate, distance)
            }
        }
        return best?.candidate
    }

    /// The Levenshtein distance between two strings of characters.
    static func editDistance(_ source: [Character], _ target: [Character]) -> Int {
        guard !source.isEmpty else { return target.count }
        guard !target.isEmpty else { return source.count }
        var previous = Array(0...target.count)
        var current = Array(repeating: 0, count: target.count + 1)
        for (sourceIndex, sourceCharacter) in source.enumerated() {
            current[0] = sourceIndex + 1
            for (targetIndex, targetCharacter) in target.enumerated() {
                let substitution =
                    previous[targetIndex] + (sourceCharacter == targetCharacter ? 0 : 1)
                current[targetIndex + 1] = min(
                    substitution,
                    previous[targetIndex + 1] + 1,
                    current[targetIndex] + 1
                )
            }
            swap(&previous, &current)
        }
        return previous[target.count]
    }
}
