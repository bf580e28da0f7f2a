import Foundation
import Testing

/// `kith chat` on a terminal with colour on, on one machine: its own escape codes reach the
/// terminal intact, and what others write cannot smuggle any in. Needs no namespace: the node
/// inside the chat uses loopback only, with no multicast and no discovery port.
@Suite("kith chat in colour", .enabled(if: KithTools.areBuilt, SystemLab.notBuiltMessage))
struct ChatColourTests {
    @Test("own name bold, times dim, no replacement characters; /quit restores the terminal")
    func coloursReachTheTerminal() async throws {
        let home = FileManager.default.temporaryDirectory
            .appendingPathComponent("kith-colour-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: home) }
        let chat = try TerminalProcess.startLoopbackChat(home: home)
        defer { chat.close() }
        try await chat.waitForScreen(timeout: .seconds(30), "the welcome line") {
            $0.allLines.contains { $0.hasPrefix("-- you are anonymous (") }
        }
        try chat.type("/nick zoe" + TerminalProcess.Key.enter)
        try await chat.waitForScreen(timeout: .seconds(30), "the name change") {
            $0.allLines.contains { $0.contains("is now known as zoe (") }
        }
        try chat.type("hello zoe, ünïcödé" + TerminalProcess.Key.enter)
        try await chat.waitForScreen(timeout: .seconds(30), "the post") {
            $0.allLines.contains { $0.hasSuffix(": hello zoe, ünïcödé") }
        }
        let output = chat.terminal.outputText
        #expect(output.contains("\u{1B}[1mzoe ("), "own name in bold")
        #expect(output.contains("\u{1B}[2m"), "dim time and notices")
        #expect(!output.contains("\u{FFFD}"), "no escape code of the chat's own was replaced")
        let line = try #require(chat.screen().allLines.first { $0.hasSuffix("ünïcödé") })
        #expect(line.contains(" #general zoe ("))

        try chat.type("/quit" + TerminalProcess.Key.enter)
        #expect(try await chat.wait(timeout: .seconds(30)) == .exited(0))
        #expect(try chat.modes().isCooked)
    }
}
