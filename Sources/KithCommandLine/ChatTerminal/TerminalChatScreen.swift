/// A chat on a terminal: lines scroll above an input line that keeps its text and cursor.
public final class TerminalChatScreen: ChatScreen {
    private let output: any TextSink
    private let descriptor: Int32
    private var renderer: LineEditorRenderer
    private var state = LineEditorState()
    private var width: Int
    /// The latest lines shown, oldest first, for Ctrl-L.
    private var recent: [String] = []
    /// The most lines kept for Ctrl-L.
    static let recentLimit = 200

    /// A screen writing to `output`, the terminal `descriptor` (for its size).
    public init(output: any TextSink, descriptor: Int32, prompt: String) {
        self.output = output
        self.descriptor = descriptor
        renderer = LineEditorRenderer(prompt: prompt)
        width = Self.size(of: descriptor).columns
        output.write(renderer.redraw(state: state, width: width))
    }

    public func show(_ line: ChatOutput) {
        recent.append(line.text)
        if recent.count > Self.recentLimit { recent.removeFirst(recent.count - Self.recentLimit) }
        output.write(renderer.printAbove(formatted: line.text, state: state, width: width))
    }

    public func setPrompt(_ prompt: String) {
        renderer = LineEditorRenderer(prompt: prompt)
        output.write(renderer.redraw(state: state, width: width))
    }

    public func inputChanged(_ state: LineEditorState) {
        self.state = state
        output.write(renderer.redraw(state: state, width: width))
    }

    public func resized() {
        width = Self.size(of: descriptor).columns
        output.write(renderer.redraw(state: state, width: width))
    }

    public func bell() {
        output.write("\u{07}")
    }

    public func finish() {
        output.write("\r\u{1B}[2K")
    }

    /// Clears the screen (`ESC[H ESC[2J`), prints again as many of the latest lines as the
    /// terminal has rows above the input line, and redraws the input line.
    public func redrawAll() {
        let size = Self.size(of: descriptor)
        width = size.columns
        let rows = size.rows > 1 ? size.rows - 1 : 24
        var text = "\u{1B}[H\u{1B}[2J"
        for line in recent.suffix(rows) { text += LineEditorRenderer.formattedLine(line) }
        output.write(text + renderer.redraw(state: state, width: width))
    }

    /// Clears the input line, so the shell's prompt starts on an empty line.
    public func suspend() {
        output.write("\r\u{1B}[2K")
    }

    /// Redraws the input line where the cursor is (the shell may have printed above it).
    public func resume() {
        width = Self.size(of: descriptor).columns
        output.write(renderer.redraw(state: state, width: width))
    }

    private static func size(of descriptor: Int32) -> TerminalSize {
        let size =
            (try? RawTerminal.windowSize(of: descriptor)) ?? TerminalSize(columns: 0, rows: 0)
        return TerminalSize(
            columns: size.columns > 0 ? size.columns : LineEditorRenderer.fallbackWidth,
            rows: size.rows)
    }
}
