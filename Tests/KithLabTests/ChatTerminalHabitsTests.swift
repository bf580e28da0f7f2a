import Foundation
import Testing

/// `kith chat` on a real pseudo-terminal, on one machine (loopback only): a multi-line paste,
/// and Ctrl-Z suspending it under a shell with job control.
@Suite("kith chat: paste and suspend", .enabled(if: KithTools.areBuilt, SystemLab.notBuiltMessage))
struct ChatTerminalHabitsTests {
    private static let pasteStart = "\u{1B}[200~"
    private static let pasteEnd = "\u{1B}[201~"

    private static func chatArguments(home: URL) -> [String] {
        [
            "chat", "--home", home.path, "--interface", "lo", "--no-multicast",
            "--discovery-port", "0",
        ]
    }

    @Test("a pasted /quit line does not quit: two pasted lines post as one message on Enter")
    func pasteIsText() async throws {
        let home = TerminalProcess.temporaryChatHome("paste")
        defer { try? FileManager.default.removeItem(at: home) }
        let chat = try TerminalProcess.startLoopbackChat(home: home)
        defer { chat.close() }
        try await chat.waitForScreen(timeout: .seconds(30), "the welcome line") {
            $0.allLines.contains { $0.hasPrefix("-- you are anonymous (") }
        }
        #expect(chat.terminal.outputText.contains("\u{1B}[?2004h"), "bracketed paste turned on")

        try chat.type(Self.pasteStart + "pasted first\r/quit" + Self.pasteEnd)
        try await chat.waitForScreen(timeout: .seconds(30), "the paste in the input line") {
            $0.cursorLine.contains("pasted first⏎/quit")
                && $0.allLines.contains { $0.contains("2 lines in the input") }
        }
        #expect(chat.isRunning, "the pasted /quit did not run")

        try chat.type(TerminalProcess.Key.enter)
        try await chat.waitForScreen(timeout: .seconds(30), "the two-line post") {
            let lines = $0.allLines
            guard let first = lines.firstIndex(where: { $0.hasSuffix(": pasted first") }) else {
                return false
            }
            return lines.dropFirst(first + 1).first?.trimmingCharacters(in: .whitespaces)
                == "/quit"
        }
        #expect(chat.isRunning, "posting the pasted text did not quit")

        // Ctrl-L: the screen is cleared (the node's own start-up line goes) and the chat's
        // latest lines come back above the input line.
        try chat.type("typed\u{0C}")
        try await chat.waitForScreen(timeout: .seconds(30), "the screen redrawn") {
            !$0.lines.contains { $0.hasPrefix("kith: ") }
                && $0.lines.contains { $0.hasSuffix(": pasted first") }
                && $0.cursorLine.hasSuffix("#general> typed")
        }
        try chat.type(TerminalProcess.Key.controlU)

        // Tab completes a command name, then a channel.
        try chat.type("/jo\t#gen\t")
        try await chat.waitForScreen(timeout: .seconds(30), "the completed command") {
            $0.cursorLine.hasSuffix("#general> /join #general ")
        }
        try chat.type(TerminalProcess.Key.controlU)

        try chat.type("/quit" + TerminalProcess.Key.enter)
        #expect(try await chat.wait(timeout: .seconds(30)) == .exited(0))
        #expect(try chat.modes().isCooked)
        #expect(chat.terminal.outputText.contains("\u{1B}[?2004l"), "bracketed paste turned off")
    }

    @Test("Ctrl-Z stops the chat under a shell; fg brings it back working")
    func suspendAndResume() async throws {
        let home = TerminalProcess.temporaryChatHome("suspend")
        defer { try? FileManager.default.removeItem(at: home) }
        let shell = try TerminalProcess.start(
            executable: "/bin/bash", arguments: ["--norc", "--noprofile", "-i"],
            environment: [
                "PATH": "/usr/bin:/bin", "TERM": "xterm", "LC_ALL": "C.UTF-8", "PS1": "shell$ ",
            ])
        defer { shell.close() }
        try await shell.waitForScreen(timeout: .seconds(30), "the shell prompt") {
            $0.cursorLine.hasPrefix("shell$")
        }
        let command = ([try KithTools.kith().path] + Self.chatArguments(home: home))
            .joined(separator: " ")
        try shell.type(command + TerminalProcess.Key.enter)
        try await shell.waitForScreen(timeout: .seconds(30), "the welcome line") {
            $0.allLines.contains { $0.hasPrefix("-- you are anonymous (") }
        }
        let chat = try #require(Self.child(of: shell.pid))

        try shell.type("half typed\u{1A}")
        try await shell.waitForScreen(timeout: .seconds(30), "the chat (pid \(chat)) to stop") {
            _ in
            Self.state(of: chat) == "T"
        }
        try await shell.waitForScreen(timeout: .seconds(30), "the shell's prompt again") {
            $0.allLines.contains { $0.contains("Stopped") } && $0.cursorLine.hasPrefix("shell$")
        }

        try shell.type("fg" + TerminalProcess.Key.enter)
        try await shell.waitForScreen(timeout: .seconds(30), "the input line back") {
            $0.cursorLine.contains("#general> half typed")
        }
        #expect(Self.state(of: chat) != "T")
        try shell.type(" and done" + TerminalProcess.Key.enter)
        try await shell.waitForScreen(timeout: .seconds(30), "the post after resuming") {
            $0.allLines.contains { $0.hasSuffix(": half typed and done") }
        }
        // A stop the chat did not ask for: the shell takes the terminal back in its own mode;
        // on fg the chat sets raw mode again and redraws.
        let stopped = Self.stoppedCount(shell.screen())
        _ = kill(chat, SIGTSTP)
        try await shell.waitForScreen(timeout: .seconds(30), "the shell after an outside stop") {
            Self.stoppedCount($0) > stopped && $0.cursorLine.hasPrefix("shell$")
                && Self.state(of: chat) == "T"
        }
        try shell.type("fg" + TerminalProcess.Key.enter)
        try await shell.waitForScreen(timeout: .seconds(30), "the input line after fg") {
            $0.cursorLine.contains("#general> ")
        }
        #expect(try !shell.modes().isCanonical, "raw mode again")
        #expect(try !shell.modes().echoes)

        try shell.type("/quit" + TerminalProcess.Key.enter)
        try await shell.waitForScreen(timeout: .seconds(30), "the shell after the chat") {
            $0.cursorLine.hasPrefix("shell$") && Self.state(of: chat) == nil
        }
        try shell.type("exit" + TerminalProcess.Key.enter)
        #expect(try await shell.wait(timeout: .seconds(30)) == .exited(0))
    }

    /// How many lines of `screen` tell that a job stopped.
    private static func stoppedCount(_ screen: TerminalScreen) -> Int {
        screen.allLines.filter { $0.contains("Stopped") }.count
    }

    /// The process whose parent is `parent`, read from `/proc`.
    private static func child(of parent: pid_t) -> pid_t? {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        for entry in entries {
            guard let pid = pid_t(entry), let fields = statFields(of: pid), fields.count > 1
            else { continue }
            if fields[1] == String(parent) { return pid }
        }
        return nil
    }

    /// The state letter of `pid` (`R`, `S`, `T`…), nil once it is gone (or a zombie).
    private static func state(of pid: pid_t) -> String? {
        guard let state = statFields(of: pid)?.first, state != "Z" else { return nil }
        return state
    }

    /// The fields of `/proc/PID/stat` after the command name: state, parent, …
    private static func statFields(of pid: pid_t) -> [String]? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = text.lastIndex(of: ")")
        else { return nil }
        return text[text.index(after: close)...].split(separator: " ").map(String.init)
    }
}
