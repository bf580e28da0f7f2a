/// What the renderer needs from the editor: the text and where the cursor is, and the search
/// under way, if any.
public struct LineEditorState: Equatable, Sendable {
    /// The text being edited. It never contains a control character, except line breaks
    /// (`\n`) that came in a bracketed paste.
    public var text: String
    /// The cursor position in grapheme clusters (Swift `Character`s) from the start:
    /// `0...text.count`.
    public var cursor: Int
    /// The reverse search (Ctrl-R) under way, nil when none: the renderer shows it in place of
    /// the prompt, and ``text`` is then the history line found (or the line as it was).
    public var search: LineSearchDisplay?

    /// A state with `text` and the cursor clamped to `0...text.count`.
    public init(text: String = "", cursor: Int = 0, search: LineSearchDisplay? = nil) {
        self.text = text
        self.cursor = min(max(cursor, 0), text.count)
        self.search = search
    }

    /// How many lines the text holds: one more than its line breaks.
    public var lineCount: Int {
        text.reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
    }
}

/// A reverse incremental search as shown in place of the prompt, as bash shows it:
/// `(reverse-i-search)'text': `, or `(failed reverse-i-search)'text': ` when no history line
/// holds the text.
public struct LineSearchDisplay: Equatable, Sendable {
    /// What was typed to search for.
    public var query: String
    /// Whether no (older) history line holds it.
    public var failed: Bool

    /// A search for `query`; `failed` when nothing matches.
    public init(query: String, failed: Bool = false) {
        self.query = query
        self.failed = failed
    }

    /// The text shown in place of the prompt.
    public var prompt: String {
        (failed ? "(failed reverse-i-search)'" : "(reverse-i-search)'") + query + "': "
    }
}
