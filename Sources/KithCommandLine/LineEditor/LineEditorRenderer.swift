/// Turns editor state into the exact bytes to write to a terminal (pure: returns strings).
///
/// The input line never wraps: when the prompt and text are wider than the terminal, the text
/// scrolls horizontally so the cursor stays visible (the last column is left free), and `<` or
/// `>` at an edge shows that text is hidden on that side, as in irssi. Text from
/// other people, printed with ``printAbove(_:state:width:)``, is cleaned of control characters
/// first, so a message cannot move the cursor or change the terminal's settings.
public struct LineEditorRenderer: Sendable {
    /// The prompt shown before the input, cleaned of control characters.
    public let prompt: String
    /// The width used when the terminal reports none (0 columns).
    public static let fallbackWidth = 80
    /// How a line break pasted into the input line is shown (one column, so the cursor
    /// arithmetic holds).
    public static let lineBreakMark = "⏎"
    /// Shown in the first column of the input line when text is hidden to its left.
    public static let hiddenBeforeMark = "<"
    /// Shown in the last column used when text is hidden to the right.
    public static let hiddenAfterMark = ">"
    /// The fewest columns kept for the text: a mark at each end and a wide character.
    public static let minimumTextColumns = 4

    /// A renderer showing `prompt` (plain text; control characters are replaced).
    public init(prompt: String) {
        self.prompt = Self.sanitizedLine(prompt)
    }

    /// The bytes that redraw the prompt and input line in place and put the cursor back:
    /// `\r` + prompt + visible text + `ESC[0K` + `\r` + `ESC[<column>C` (omitted at column 0).
    /// Pasted line breaks are shown as ``lineBreakMark``; during a reverse search its prompt
    /// (``LineSearchDisplay/prompt``) replaces the prompt. The prompt is left out when fewer
    /// than ``minimumTextColumns`` would remain for the text.
    public func redraw(state: LineEditorState, width: Int) -> String {
        let shown = LineEditorState(
            text: state.text.replacingAll("\n", with: Self.lineBreakMark), cursor: state.cursor)
        let columns = width > 0 ? width : Self.fallbackWidth
        var shownPrompt = state.search.map { Self.sanitizedLine($0.prompt) } ?? prompt
        var promptColumns = DisplayWidth.columns(of: shownPrompt)
        // Keep room for text and the last column free; drop the prompt when it cannot fit.
        if promptColumns + Self.minimumTextColumns + 1 > columns {
            shownPrompt = ""
            promptColumns = 0
        }
        let window = Self.visibleWindow(state: shown, columns: max(columns - 1 - promptColumns, 1))
        var output = "\r" + shownPrompt + window.text + "\u{1B}[0K\r"
        let cursorColumn = promptColumns + window.cursorColumn
        if cursorColumn > 0 { output += "\u{1B}[\(cursorColumn)C" }
        return output
    }

    /// The bytes that print `text` on its own line(s) above the input line, then redraw the
    /// input line below it: `\r` + `ESC[2K` + text + `\r\n` + ``redraw(state:width:)``.
    /// Line breaks in `text` become `\r\n`; other control characters become U+FFFD.
    public func printAbove(_ text: String, state: LineEditorState, width: Int) -> String {
        "\r\u{1B}[2K" + Self.sanitizedMessage(text) + "\r\n" + redraw(state: state, width: width)
    }

    /// Like ``printAbove(_:state:width:)`` for a line the program formatted itself, with its
    /// own escape codes (colours) kept: only line breaks are translated. Whatever came from
    /// other people in it must have been cleaned of control characters already.
    public func printAbove(formatted text: String, state: LineEditorState, width: Int) -> String {
        Self.formattedLine(text) + redraw(state: state, width: width)
    }

    /// The bytes that print a line the program formatted itself (see
    /// ``printAbove(formatted:state:width:)``) where the cursor is, and move to the next line:
    /// `\r` + `ESC[2K` + text (line breaks as `\r\n`) + `\r\n`.
    public static func formattedLine(_ text: String) -> String {
        let lines = text.replacingAll("\r\n", with: "\n").split(
            separator: "\n", omittingEmptySubsequences: false)
        return "\r\u{1B}[2K" + lines.joined(separator: "\r\n") + "\r\n"
    }

    /// The part of the text that fits in `columns` columns, and where the cursor is within it.
    /// When text is hidden, ``hiddenBeforeMark`` takes the first column and ``hiddenAfterMark``
    /// the last (when at least 2 columns stay for the text, so a wide character still fits).
    static func visibleWindow(state: LineEditorState, columns: Int) -> (
        text: String, cursorColumn: Int
    ) {
        let characters = Array(state.text)
        let cursor = min(max(state.cursor, 0), characters.count)
        var markLeft = false
        var markRight = false
        var span = visibleSpan(characters, cursor: cursor, columns: columns)
        // Reserving a column for a mark only hides more, so this settles in a few rounds.
        for _ in 0..<3 {
            let left = markLeft || span.start > 0
            let right = markRight || span.end < characters.count
            guard left != markLeft || right != markRight else { break }
            let inner = columns - (left ? 1 : 0) - (right ? 1 : 0)
            guard inner >= 2 else { break }
            (markLeft, markRight) = (left, right)
            span = visibleSpan(characters, cursor: cursor, columns: inner)
        }
        let before = markLeft && span.start > 0 ? hiddenBeforeMark : ""
        let after = markRight && span.end < characters.count ? hiddenAfterMark : ""
        return (
            before + String(characters[span.start..<span.end]) + after,
            before.count + span.cursorColumn
        )
    }

    /// Like linenoise: characters are dropped from the start until the cursor and the character
    /// under it fit in `columns` (the cursor then sits at the right edge), then from the end
    /// until the text fits. Returns the characters kept and the cursor's column among them.
    private static func visibleSpan(_ characters: [Character], cursor: Int, columns: Int) -> (
        start: Int, end: Int, cursorColumn: Int
    ) {
        var start = 0
        var beforeCursor = DisplayWidth.columns(of: String(characters[0..<cursor]))
        // The character under the cursor (or the empty cell after the text) must fit too.
        let underCursor =
            cursor < characters.count ? DisplayWidth.columns(of: characters[cursor]) : 1
        while beforeCursor + max(underCursor, 1) > columns, start < cursor {
            beforeCursor -= DisplayWidth.columns(of: characters[start])
            start += 1
        }
        var end = cursor
        var used = beforeCursor
        while end < characters.count {
            let next = DisplayWidth.columns(of: characters[end])
            if used + next > columns { break }
            used += next
            end += 1
        }
        return (start, end, beforeCursor)
    }

    /// `text` with CR LF, CR and LF turned into `\r\n` and other controls into U+FFFD (tabs kept).
    static func sanitizedMessage(_ text: String) -> String {
        let unified = text.replacingAll("\r\n", with: "\n").replacingAll("\r", with: "\n")
        return unified.split(separator: "\n", omittingEmptySubsequences: false)
            .map { sanitizedLine(String($0), keepingTabs: true) }
            .joined(separator: "\r\n")
    }

    /// `text` with every unsafe character (``UntrustedText``; line breaks too) replaced by U+FFFD.
    static func sanitizedLine(_ text: String, keepingTabs: Bool = false) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar == "\t" && keepingTabs {
                result.append(scalar)
            } else if UntrustedText.isUnsafe(scalar) {
                result.append("\u{FFFD}")
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }
}

extension String {
    /// `self` with every occurrence of `target` replaced (no Foundation needed).
    fileprivate func replacingAll(_ target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
