/// What Tab asks the editor's caller to complete: the word before the cursor.
public struct LineCompletionRequest: Equatable, Sendable {
    /// The characters from the start of the word (after the last space or line break before
    /// the cursor) up to the cursor; may be empty.
    public let word: String
    /// Whether the word is the first of the line (only spaces before it).
    public let isFirstWord: Bool

    /// A request to complete `word`.
    public init(word: String, isFirstWord: Bool) {
        self.word = word
        self.isFirstWord = isFirstWord
    }
}
