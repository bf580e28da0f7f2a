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
    /// Ctrl-L: clear the screen and show again the latest lines and the input line.
    func redrawAll()
    /// The chat is about to be suspended (Ctrl-Z): leave the screen tidy for the shell.
    func suspend()
    /// The chat was resumed after a suspension: redraw the input line.
    func resume()
}

extension ChatScreen {
    /// Nothing to redraw by default.
    public func redrawAll() {}
    /// Nothing to tidy by default.
    public func suspend() {}
    /// Nothing to redraw by default.
    public func resume() {}
}
