import Foundation
import Testing

/// The node's events (the node running, peers found, sessions) stay out of a chat's conversation;
/// `/status` shows them.
@Suite(
    "kith chat: node events in /status",
    .enabled(if: KithTools.areBuilt, SystemLab.notBuiltMessage)
)
struct ChatStatusViewTests {
    @Test("the conversation shows no routine node event; /status lists them")
    func statusView() async throws {
        let home = FileManager.default.temporaryDirectory
            .appendingPathComponent("kith-status-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: home) }
        let chat = try TerminalProcess.startLoopbackChat(home: home)
        defer { chat.close() }
        let welcome = try await chat.waitForScreen(timeout: .seconds(30), "the welcome line") {
            $0.allLines.contains { $0.hasPrefix("-- you are anonymous (") }
        }
        #expect(!welcome.allLines.contains { $0.contains("node running") }, "\(welcome.allLines)")
        try chat.type("/status" + TerminalProcess.Key.enter)
        // The view's lines are written one by one: the heading may be on the screen before the
        // lines under it, so the wait is for the line looked for, not for the heading.
        let status = try await chat.waitForScreen(timeout: .seconds(30), "node running in /status")
        {
            $0.allLines.contains { $0.hasPrefix("--   ") && $0.contains("node running") }
        }
        #expect(status.allLines.contains { $0.hasPrefix("-- what the node reported lately:") })
        try chat.type("/quit" + TerminalProcess.Key.enter)
    }
}
