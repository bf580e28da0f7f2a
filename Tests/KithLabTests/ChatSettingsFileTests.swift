import Foundation
import Testing

/// `<home>/chat.conf` read by `kith chat` on a real pseudo-terminal, on one machine (loopback
/// only): autojoin, timestamps off, and a bad line reported without stopping the chat.
@Suite("kith chat: the settings file", .enabled(if: KithTools.areBuilt, SystemLab.notBuiltMessage))
struct ChatSettingsFileTests {
    @Test(
        "autojoin opens in its first channel, timestamps = off drops the time, a bad line is named")
    func settingsApply() async throws {
        let conf = "# test settings\nautojoin = lobby/#dev, #random\ntimestamps = off\nloud\n"
        try await TerminalProcess.withLoopbackChat("settings", files: ["chat.conf": conf]) { chat in
            try await chat.waitForScreen(timeout: .seconds(30), "the settings report and prompt") {
                $0.allLines.contains {
                    $0.hasPrefix("!! ") && $0.contains("chat.conf line 4: expected `key = value`")
                }
                    && $0.allLines.contains {
                        $0.hasPrefix("-- also joined (")
                            && $0.hasSuffix("chat.conf): lobby/#random")
                    }
                    && $0.cursorLine == "lobby/#dev> "
            }
            try chat.type("no time here" + TerminalProcess.Key.enter)
            try await chat.waitForScreen(timeout: .seconds(30), "the post without a time") {
                $0.allLines.contains {
                    $0.hasPrefix("#dev anonymous (") && $0.hasSuffix(": no time here")
                }
            }
            try chat.type("/join random" + TerminalProcess.Key.enter)
            try await chat.waitForScreen(timeout: .seconds(30), "#random joined") {
                $0.cursorLine == "lobby/#random> "
            }
            try chat.type("/quit" + TerminalProcess.Key.enter)
            #expect(try await chat.wait(timeout: .seconds(30)) == .exited(0))
        }
    }
}
