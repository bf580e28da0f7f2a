import KithCommandLine

/// A chat screen that keeps what the loop showed, for a test to read.
final class RecordingChatScreen: ChatScreen {
    /// Every line shown, in order.
    private(set) var shown: [ChatOutput] = []
    /// Whether the loop tidied the screen at its end.
    private(set) var isFinished = false

    /// The texts of the entries shown.
    var entryLines: [String] {
        shown.compactMap { if case .entry(_, let line) = $0 { line } else { nil } }
    }

    /// The texts of the errors shown.
    var errors: [String] {
        shown.compactMap { if case .error(let text) = $0 { text } else { nil } }
    }

    /// The texts of the notices shown.
    var notices: [String] {
        shown.compactMap { if case .notice(let text) = $0 { text } else { nil } }
    }

    func show(_ output: ChatOutput) { shown.append(output) }
    func setPrompt(_ prompt: String) {}
    func inputChanged(_ state: LineEditorState) {}
    func resized() {}
    func bell() {}
    func finish() { isFinished = true }
}
