/// The text after a chat command's name, read word by word.
struct ChatArguments {
    /// What is left to read, without leading whitespace.
    private(set) var rest: Substring

    init(_ text: Substring) {
        rest = text.drop(while: \.isWhitespace)
    }

    /// Whether nothing but whitespace is left.
    var isEmpty: Bool { rest.allSatisfy(\.isWhitespace) }

    /// Everything left with surrounding whitespace removed, or nil when nothing is left.
    var remainder: String? {
        guard let last = rest.lastIndex(where: { !$0.isWhitespace }) else { return nil }
        return String(rest[...last])
    }

    /// Takes the next word: up to whitespace, or between double quotes when it starts with `"`
    /// (so `"bob smith"` is one word). Nil when nothing is left or a quote is not closed.
    mutating func nextWord() -> String? {
        guard !isEmpty else { return nil }
        if rest.first == "\"" {
            let inside = rest.dropFirst()
            guard let close = inside.firstIndex(of: "\"") else { return nil }
            let word = inside[..<close]
            rest = inside[inside.index(after: close)...].drop(while: \.isWhitespace)
            return word.isEmpty ? nil : String(word)
        }
        let word = rest.prefix(while: { !$0.isWhitespace })
        rest = rest.dropFirst(word.count).drop(while: \.isWhitespace)
        return String(word)
    }
}
