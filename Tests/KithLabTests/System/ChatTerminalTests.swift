import Testing

/// `kith chat` on a terminal, as people use it: A and B type in terminal windows (pseudo-
/// terminals), C chats through its standard input, all three on one segment. What B types stays
/// on B's input line while messages arrive above it; resizing the window keeps it; Ctrl-D and
/// `/quit` end the chat and give the terminal back as it was.
///
/// Display contract (notes/session2-contract.md), NO_COLOR=1: posts show as
/// `HH:MM #channel LABEL: text` with LABEL `name (xxxx-xxxx)`; the input line is `#channel> `
/// followed by the typed text.
@Suite(
    "System: kith chat on a terminal",
    .enabled(if: Lab.isAvailable, Lab.skipMessage),
    .enabled(if: KithTools.areBuilt, SystemLab.notBuiltMessage)
)
struct ChatTerminalTests {
    private static let prompt = "lobby/#general> "
    private static let timeout = Duration.seconds(60)

    @Test("arrivals land above the input line, which keeps its text, cursor and size changes")
    func arrivalsKeepTheInputLine() async throws {
        try await SystemLab.run { system in
            try await system.lab.addBridge("lan")
            let a = try await system.addHost("a", bridges: ["lan"])
            let b = try await system.addHost("b", bridges: ["lan"])
            let c = try await system.addHost("c", bridges: ["lan"])
            for (node, nick) in [(a, "ann"), (b, "ben"), (c, "cat")] {
                try await node.setNick(nick)
            }
            let chatA = try system.startChatOnTerminal(a)
            defer { chatA.close() }
            let chatB = try system.startChatOnTerminal(b)
            defer { chatB.close() }
            try c.startChat()
            try await system.waitForFullMesh([a, b, c])
            let ann = try await Self.label(a, nick: "ann")
            let ben = try await Self.label(b, nick: "ben")
            for chat in [chatA, chatB] {
                try await chat.waitForScreen(timeout: Self.timeout, "an empty input line") {
                    $0.showsInput("")
                }
                let modes = try chat.modes()
                #expect(!modes.isCanonical && !modes.echoes, "raw mode while chatting: \(modes)")
            }

            // B is halfway through a word when A's message arrives.
            try chatB.type("hello wor")
            try await chatB.waitForScreen(timeout: Self.timeout, "B's input line") {
                $0.showsInput("hello wor")
            }
            try chatA.type("ping from A" + TerminalProcess.Key.enter)
            let screenB = try await chatB.waitForScreen(
                timeout: Self.timeout,
                "A's message above B's input line, still `lobby/#general> hello wor`, cursor after it"
            ) { screen in
                guard let row = screen.lastRow(endingWith: ": ping from A") else { return false }
                return row < screen.cursorRow && screen.lastNonEmptyRow == screen.cursorRow
                    && screen.showsInput("hello wor")
            }
            let pingRow = try #require(screenB.lastRow(endingWith: ": ping from A"))
            #expect(
                Self.isPost(screenB.line(pingRow), label: ann, text: "ping from A"),
                "B's line for A's message: \(screenB.line(pingRow))\n\(screenB)")
            try await chatA.waitForScreen(timeout: Self.timeout, "A's own message, input cleared") {
                $0.lastRow(endingWith: ": ping from A") != nil && $0.showsInput("")
            }

            // B finishes the word and sends it: everyone gets "hello world".
            try chatB.type("ld" + TerminalProcess.Key.enter)
            let screenA = try await chatA.waitForScreen(timeout: Self.timeout, "B's message on A") {
                $0.lastRow(endingWith: ": hello world") != nil
            }
            let worldRow = try #require(screenA.lastRow(endingWith: ": hello world"))
            #expect(
                Self.isPost(screenA.line(worldRow), label: ben, text: "hello world"),
                "A's line for B's message: \(screenA.line(worldRow))\n\(screenA)")
            try await chatB.waitForScreen(timeout: Self.timeout, "B's own message, input cleared") {
                $0.lastRow(endingWith: ": hello world") != nil && $0.showsInput("")
            }
            try await system.expectDelivered("ping from A", from: a, nick: "ann", to: [c])
            try await system.expectDelivered("hello world", from: b, nick: "ben", to: [c])

            // A narrower window mid-typing: the line scrolls sideways, marked, nothing is lost.
            let long = "typing on while the window changes size"
            try chatB.type(long)
            try await chatB.waitForScreen(timeout: Self.timeout, "B's long input line") {
                $0.showsInput(long)
            }
            try chatB.resize(to: TerminalWindowSize(columns: 30, rows: 20))
            let narrow = try await chatB.waitForScreen(
                timeout: Self.timeout, "the input line redrawn for 30 columns"
            ) { screen in
                let shown = screen.cursorLine
                guard !screen.isInsideSequence, shown.hasPrefix(Self.prompt) else { return false }
                // `<` marks the start of the line, hidden on the left.
                let tail = shown.dropFirst(Self.prompt.count)
                return tail.hasPrefix("<") && tail.count > 1 && long.hasSuffix(tail.dropFirst())
                    && screen.cursorColumn == shown.count
            }
            #expect(narrow.cursorLine.count < 30, "the last column stays free\n\(narrow)")
            try chatB.resize(to: .standard)
            try await chatB.waitForScreen(timeout: Self.timeout, "the whole input line again") {
                $0.showsInput(long)
            }
            try chatB.type(TerminalProcess.Key.enter)
            try await chatA.waitForScreen(timeout: Self.timeout, "B's long message on A") {
                $0.allLines.contains { Self.isPost($0, label: ben, text: long) }
            }

            // Ctrl-D on B's empty line and /quit on A end the chats; the terminals are restored.
            try await chatB.waitForScreen(timeout: Self.timeout, "B's input cleared") {
                $0.showsInput("")
            }
            try chatB.type(TerminalProcess.Key.controlD)
            #expect(try await chatB.wait(timeout: Self.timeout) == .exited(0))
            let modesB = try chatB.modes()
            #expect(modesB.isCooked, "B's terminal after Ctrl-D: \(modesB)")
            try await chatB.waitForScreen(timeout: Self.timeout, "B's input line gone at exit") {
                $0.cursorLine.isEmpty && $0.cursorColumn == 0
            }
            try chatA.type("/quit" + TerminalProcess.Key.enter)
            #expect(try await chatA.wait(timeout: Self.timeout) == .exited(0))
            let modesA = try chatA.modes()
            #expect(modesA.isCooked, "A's terminal after /quit: \(modesA)")

            try await system.expectCleanStops([c])
            try await system.expectSoundLogs([a, b, c])
        }
    }

    /// `name (xxxx-xxxx)`: how chat lines name the person running `node`.
    private static func label(_ node: KithHost, nick: String) async throws -> String {
        guard let fingerprint = try await node.status()?.fingerprint else {
            throw SystemTestFailure(summary: "\(node) does not answer", details: [])
        }
        return "\(nick) (\(fingerprint.prefix(9)))"
    }

    /// True for `HH:MM #general LABEL: text`.
    private static func isPost(_ line: String, label: String, text: String) -> Bool {
        let characters = Array(line)
        guard characters.count > 5, characters[2] == ":",
            [0, 1, 3, 4].allSatisfy({ characters[$0].isASCII && characters[$0].isNumber })
        else { return false }
        return line.dropFirst(5) == " #general \(label): \(text)"
    }
}

extension TerminalScreen {
    /// True when the cursor's line is the chat's input line holding exactly `input`, with the
    /// cursor right after it and nothing half-drawn.
    fileprivate func showsInput(_ input: String) -> Bool {
        let expected = "lobby/#general> " + input
        return !isInsideSequence && cursorLine == expected && cursorColumn == expected.count
    }

    /// The lowest visible row ending with `suffix`, if any.
    fileprivate func lastRow(endingWith suffix: String) -> Int? {
        lines.lastIndex { $0.hasSuffix(suffix) }
    }
}
