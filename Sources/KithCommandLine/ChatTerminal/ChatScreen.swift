/// Where `kith chat` shows its lines: a terminal with an input line, plain lines, or JSON lines.
public protocol ChatScreen: AnyObject {
    /// Shows one line (above the input line on a terminal).
    func show(_ output: ChatOutput)
    /// Changes the input line's prompt.
    func setPrompt(_ prompt: String)
    /// The text or cursor of the input line changed: redraw it.
    func inputChanged(_ state: LineEditorState)
    /// The terminal changed size: redraw.
    func resized()
    /// Input was refused: ring the bell.
    func bell()
    /// The chat ends: leave the screen tidy.
    func finish()
}
