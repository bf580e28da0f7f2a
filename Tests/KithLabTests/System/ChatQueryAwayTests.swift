import Testing

/// `/query`, `/away` and the activity list in `kith chat` on terminals (pseudo-terminals) of
/// two hosts on one segment: ann opens a private conversation with ben, goes away, and sees
/// on her return what ben wrote for her meanwhile; ben's post in another channel shows in
/// ann's prompt until she goes there with Alt-a.
@Suite(
    "System: /query, /away and activity on a terminal",
    .enabled(if: Lab.isAvailable, Lab.skipMessage),
    .enabled(if: KithTools.areBuilt, SystemLab.notBuiltMessage)
)
struct ChatQueryAwayTests {
    private static let timeout = Duration.seconds(60)

    /// Two hosts on one segment, ann and ben, chatting on terminals; returns once each has
    /// seen the other's hello (so each knows the other's name). The caller closes both.
    private func twoChats(_ system: SystemLab) async throws -> (TerminalProcess, TerminalProcess) {
        try await system.lab.addBridge("lan")
        let a = try await system.addHost("a", bridges: ["lan"])
        let b = try await system.addHost("b", bridges: ["lan"])
        try await a.setNick("ann")
        try await b.setNick("ben")
        let ann = try system.startChatOnTerminal(a)
        let ben: TerminalProcess
        do {
            ben = try system.startChatOnTerminal(b)
        } catch {
            ann.close()
            throw error
        }
        do {
            try await system.waitForFullMesh([a, b])
            try ben.type("hello from ben" + TerminalProcess.Key.enter)
            try ann.type("hello from ann" + TerminalProcess.Key.enter)
            for chat in [ann, ben] {
                try await chat.waitForScreen(timeout: Self.timeout, "both hellos") { screen in
                    ["hello from ben", "hello from ann"].allSatisfy { text in
                        screen.allLines.contains { $0.hasSuffix(": " + text) }
                    }
                }
            }
        } catch {
            ann.close()
            ben.close()
            throw error
        }
        return (ann, ben)
    }

    @Test("plain lines in a /query go privately; /back sums up the mention and message missed")
    func queryAndAway() async throws {
        try await SystemLab.run { system in
            let (ann, ben) = try await twoChats(system)
            defer {
                ann.close()
                ben.close()
            }
            try ann.type("/query ben" + TerminalProcess.Key.enter)
            try await ann.waitForScreen(timeout: Self.timeout, "the query prompt") {
                $0.cursorLine == "lobby/@ben> "
            }
            try ann.type("just between us" + TerminalProcess.Key.enter)
            try await ben.waitForScreen(timeout: Self.timeout, "ann's line, private") {
                $0.allLines.contains {
                    $0.contains("[private] from ann (") && $0.hasSuffix(": just between us")
                }
            }
            #expect(
                !ben.screen().allLines.contains {
                    $0.contains("#general ann (") && $0.hasSuffix(": just between us")
                },
                "the line did not go to the channel")

            try ann.type("/away lunch" + TerminalProcess.Key.enter)
            try await ann.waitForScreen(timeout: Self.timeout, "the away prompt") {
                $0.cursorLine == "lobby/@ben (away)> "
            }
            try ben.type("ann: are you coming?" + TerminalProcess.Key.enter)
            try ben.type("/msg ann call me" + TerminalProcess.Key.enter)
            try await ann.waitForScreen(timeout: Self.timeout, "both arrived") {
                $0.allLines.contains { $0.hasSuffix(": call me") }
            }
            try ann.type("/back" + TerminalProcess.Key.enter)
            let back = try await ann.waitForScreen(timeout: Self.timeout, "the summary") {
                $0.allLines.contains { $0.hasSuffix("-- end of what you missed") }
                    && $0.cursorLine == "lobby/@ben> "
            }
            let lines = back.allLines
            let heading = try #require(
                lines.lastIndex {
                    $0 == "-- you are back; while you were away: 1 mention and 1 private message:"
                }, "\(back)")
            #expect(lines[heading + 1].hasSuffix(": ann: are you coming?"), "\(back)")
            #expect(lines[heading + 2].contains("[private] from ben ("), "\(back)")

            try ann.type("/close" + TerminalProcess.Key.enter)
            try await ann.waitForScreen(timeout: Self.timeout, "the channel prompt again") {
                $0.cursorLine == "lobby/#general> "
            }
            for chat in [ann, ben] {
                try chat.type("/quit" + TerminalProcess.Key.enter)
                #expect(try await chat.wait(timeout: Self.timeout) == .exited(0))
            }
        }
    }

    @Test("a post in another joined channel shows in the prompt's activity list; Alt-a goes there")
    func activityList() async throws {
        try await SystemLab.run { system in
            let (ann, ben) = try await twoChats(system)
            defer {
                ann.close()
                ben.close()
            }
            try ann.type(
                "/join dev" + TerminalProcess.Key.enter + "/join general"
                    + TerminalProcess.Key.enter)
            try await ann.waitForScreen(timeout: Self.timeout, "back in #general") {
                $0.cursorLine == "lobby/#general> "
            }
            try ben.type(
                "/join dev" + TerminalProcess.Key.enter + "ann: the build is red"
                    + TerminalProcess.Key.enter)
            try await ann.waitForScreen(timeout: Self.timeout, "the activity in the prompt") {
                $0.cursorLine == "lobby/#general [act: #dev 1!]> "
            }
            try ann.type("\u{1B}a")  // Alt-a
            try await ann.waitForScreen(timeout: Self.timeout, "#dev current, no activity left") {
                $0.cursorLine == "lobby/#dev> "
            }
            for chat in [ann, ben] {
                try chat.type("/quit" + TerminalProcess.Key.enter)
                #expect(try await chat.wait(timeout: Self.timeout) == .exited(0))
            }
        }
    }
}
