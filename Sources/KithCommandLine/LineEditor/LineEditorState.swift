/// What the renderer needs from the editor: the text and where the cursor is.
public struct LineEditorState: Equatable, Sendable {
    /// The text being edited. It never contains a control character, except line breaks
    /// (`\n`) that came in a bracketed paste.
    public var text: String
    /// The cursor position in grapheme clusters (Swift `Character`s) from the start:
    /// `0...text.count`.
    public var cursor: Int

    /// A state with `text` and the cursor clamped to `0...text.count`.
    public init(text: String = "", cursor: Int = 0) {
        self.text = text
        self.cursor = min(max(cursor, 0), text.count)
    }

    /// How many lines the text holds: one more than its line breaks.
    public var lineCount: Int {
        text.reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
    }
}
