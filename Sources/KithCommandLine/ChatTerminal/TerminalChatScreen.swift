/// A chat on a terminal: lines scroll above an input line that keeps its text and cursor.
public final class TerminalChatScreen: ChatScreen {
    private let output: any TextSink
    private let descriptor: Int32
    private var renderer: LineEditorRenderer
    private var state = LineEditorState()
    private var width: Int

    /// A screen writing to `output`, the terminal `descriptor` (for its size).
    public init(output: any TextSink, descriptor: Int32, prompt: String) {
        self.output = output
        self.descriptor = descriptor
        renderer = LineEditorRenderer(prompt: prompt)
        width = Self.columns(of: descriptor)
        output.write(renderer.redraw(state: state, width: width))
    }

    public func show(_ line: ChatOutput) {
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
        width = Self.columns(of: descriptor)
        output.write(renderer.redraw(state: state, width: width))
    }

    public func bell() {
        output.write("\u{07}")
    }

    public func finish() {
        output.write("\r\u{1B}[2K")
    }

    private static func columns(of descriptor: Int32) -> Int {
        (try? RawTerminal.windowSize(of: descriptor))?.columns ?? LineEditorRenderer.fallbackWidth
    }
}
