import Foundation
import Testing

/// `kith chat`'s input line on a real pseudo-terminal, on one machine (loopback only): Ctrl-R
/// searching what was typed before, and the marks of a line wider than the terminal.
@Suite(
    "kith chat: history search and a wide input line",
    .enabled(if: KithTools.areBuilt, SystemLab.notBuiltMessage))
struct ChatLineEditingTests {
    private static let controlR = "\u{12}"
    private static let home = "\u{1B}[H"

    @Test("Ctrl-R finds an earlier line; a lone Esc restores the draft; Enter posts the line found")
    func reverseSearch() async throws {
        try await TerminalProcess.withLoopbackChat("search") { chat in
            try chat.type("first message\rsecond message\r")
            try await chat.waitForScreen(timeout: .seconds(30), "both posts") {
                $0.allLines.contains { $0.hasSuffix(": second message") }
            }

            try chat.type("draft" + Self.controlR + "first")
            try await chat.waitForScreen(
                timeout: .seconds(30), "the search prompt and the line found"
            ) {
                $0.cursorLine.hasPrefix("(reverse-i-search)'first': first message")
                    && $0.cursorColumn == "(reverse-i-search)'first': ".count
            }
            // Esc alone (nothing follows it) cancels: the draft comes back under the prompt.
            try chat.type("\u{1B}")
            try await chat.waitForScreen(timeout: .seconds(30), "the draft restored") {
                $0.cursorLine.hasSuffix("#general> draft")
            }

            try chat.type(
                TerminalProcess.Key.controlU + Self.controlR + "sec" + TerminalProcess.Key.enter)
            try await chat.waitForScreen(timeout: .seconds(30), "the line found posted again") {
                $0.allLines.filter { $0.hasSuffix(": second message") }.count == 2
                    && $0.cursorLine.hasSuffix("#general> ")
            }

            try chat.type("/quit" + TerminalProcess.Key.enter)
            #expect(try await chat.wait(timeout: .seconds(30)) == .exited(0))
        }
    }

    @Test("a line wider than the terminal shows < and > where text is hidden, the cursor on screen")
    func wideLineMarks() async throws {
        try await TerminalProcess.withLoopbackChat("marks") { chat in
            try chat.resize(to: TerminalWindowSize(columns: 40, rows: 20))
            try chat.type(String(repeating: "日本語 ", count: 8) + "end")
            try await chat.waitForScreen(
                timeout: .seconds(30), "the end of the line, marked on the left"
            ) {
                $0.cursorLine.hasPrefix("lobby/#general> <") && $0.cursorLine.hasSuffix("end")
                    && $0.cursorColumn < 40
            }
            try chat.type(Self.home)
            try await chat.waitForScreen(
                timeout: .seconds(30), "the start of the line, marked on the right"
            ) {
                $0.cursorLine.hasPrefix("lobby/#general> 日本語") && $0.cursorLine.hasSuffix(">")
                    && $0.cursorColumn == "lobby/#general> ".count
            }
            try chat.type("\u{0B}/quit" + TerminalProcess.Key.enter)  // Ctrl-K: kill to the end
            #expect(try await chat.wait(timeout: .seconds(30)) == .exited(0))
        }
    }
}
