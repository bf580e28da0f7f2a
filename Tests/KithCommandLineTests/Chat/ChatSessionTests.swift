import KithCommandLine
import KithControl
import KithCore
import Testing

@Suite("ChatSession")
struct ChatSessionTests {
    typealias Harness = ChatSessionHarness

    /// A harness past start-up, with alice (own), bob and carol named.
    private func started(colors: Bool = false) throws -> Harness {
        try Harness.started(colors: colors)
    }

    private func label(_ name: String, _ key: SigningKey) -> String {
        Harness.label(name, key)
    }

    @Test("start-up loads blocks, people and the channel's history, then welcomes")
    func startUp() throws {
        var chat = try Harness()
        let actions = chat.handle(.started)
        let general = try ChannelName("general")
        #expect(
            Harness.requests(actions) == [
                .blockedList, .people(chat.community.id, .first),
                .inbox(chat.community.id, limit: 10),
                .history(chat.community.id, general, limit: 20), .channels(chat.community.id),
            ])
        #expect(actions.contains(.setPrompt("lobby/#general> ")))
        let welcome = Harness.shown(chat.loadPeople([("alice", chat.alice.publicKey, true)]))
        #expect(welcome.count == 1)
        #expect(
            welcome.first?.hasPrefix("-- you are \(label("alice", chat.alice)) in lobby") == true)
        #expect(welcome.first?.contains("/nick NAME") == false, "a named person gets no hint")
        // Loading people again (after a switch) does not welcome twice.
        #expect(Harness.shown(chat.loadPeople([])).isEmpty)
        // A script is not greeted.
        var script = try Harness(interactive: false)
        _ = script.handle(.started)
        #expect(Harness.shown(script.loadPeople([("alice", script.alice.publicKey, true)])).isEmpty)
    }

    @Test("a newcomer without a name is told that others see them as anonymous, and how to fix it")
    func newcomerHint() throws {
        var chat = try Harness()
        _ = chat.handle(.started)
        let welcome = Harness.shown(chat.loadPeople([(nil, chat.alice.publicKey, true)]))
        #expect(welcome.count == 1)
        #expect(
            welcome.first?.contains("others see you as anonymous: /nick NAME sets a name") == true)
    }

    @Test("/status shows the node's recent events, then its peers")
    func statusCommand() throws {
        var chat = try started()
        #expect(chat.handle(.typed("/status")) == [.showNodeEvents, .perform(.peers, .peers)])
    }

    @Test("a typed line is posted to the current channel; // posts a literal slash")
    func typing() throws {
        var chat = try started()
        let general = try ChannelName("general")
        #expect(
            Harness.requests(chat.handle(.typed("hello all")))
                == [.post(chat.community.id, general, text: "hello all")])
        #expect(
            Harness.requests(chat.handle(.typed("//shrug")))
                == [.post(chat.community.id, general, text: "/shrug")])
        #expect(chat.handle(.typed("   ")).isEmpty)
        let unknown = Harness.shown(chat.handle(.typed("/frobnicate")))
        #expect(unknown.count == 1)
        #expect(unknown.first?.hasPrefix("!! unknown command /frobnicate") == true)
        #expect(Harness.shown(chat.handle(.typed("/msg"))).first?.hasPrefix("!! ") == true)
    }

    @Test("a post in a joined channel shows time, channel, name, fingerprint and text, once")
    func postLine() throws {
        var chat = try started()
        let post = try chat.post(by: chat.bob, "hello\nsecond line", name: "bob")
        let shown = Harness.shown(chat.handle(.arrived([post])))
        #expect(shown == ["12:00 #general \(label("bob", chat.bob)): hello\n    second line"])
        // The same entry again (history and stream overlap) is not shown twice.
        #expect(Harness.shown(chat.handle(.arrived([post]))).isEmpty)
    }

    @Test("control characters from others are neutralised; the chat's own colours are kept")
    func hostileText() throws {
        var chat = try started(colors: true)
        let post = try chat.post(by: chat.bob, "\u{1B}[2Jgone\r\nline two\u{07}", name: "bob")
        let line = try #require(Harness.shown(chat.handle(.arrived([post]))).first)
        #expect(line.hasSuffix(": \u{FFFD}[2Jgone\n    line two\u{FFFD}"))
        #expect(!line.contains("\u{1B}[2J"))
        #expect(!line.contains("\u{07}"))
        // The chat's own styling (dim time, coloured name) is still there.
        #expect(line.hasPrefix("\u{1B}[2m12:00\u{1B}[0m #general \u{1B}["))
    }

    @Test("posts to channels not joined are counted, not shown, and /channels reports them")
    func unjoinedChannel() throws {
        var chat = try started()
        let elsewhere = try chat.post(by: chat.bob, "psst", channel: "random", name: "bob")
        #expect(Harness.shown(chat.handle(.arrived([elsewhere]))).isEmpty)
        let actions = chat.handle(.typed("/channels"))
        #expect(Harness.requests(actions) == [.channels(chat.community.id)])
        let listing = Harness.shown(
            chat.handle(
                .replied(
                    .channels,
                    .channels([
                        ControlChannel(
                            name: try ChannelName("general"), postCount: 3, lastTimestamp: nil,
                            topic: "welcome", topicAuthor: nil),
                        ControlChannel(
                            name: try ChannelName("random"), postCount: 1, lastTimestamp: nil,
                            topic: nil, topicAuthor: nil),
                    ]))))
        #expect(listing.contains("-- * #general  3 posts  — welcome"))
        #expect(listing.contains("--   #random  1 posts, 1 new"))
    }

    @Test("a name change is shown, and a second person taking a known name is shown apart")
    func names() throws {
        var chat = try started()
        let named = try chat.about(by: chat.carol, "dave")
        #expect(
            Harness.shown(chat.handle(.arrived([named])))
                == [
                    "12:00 -- anonymous (\(chat.carol.publicKey.fingerprint.short)) is now known as "
                        + label("dave", chat.carol)
                ])
        let impostor = try chat.about(by: chat.carol, "bob", at: Harness.noon + 1)
        let shown = Harness.shown(chat.handle(.arrived([impostor])))
        #expect(
            shown == [
                "12:00 -- \(label("dave", chat.carol)) is now known as "
                    + "\(label("bob", chat.carol)) [not the first bob]"
            ])
        let post = try chat.post(by: chat.carol, "trust me", at: Harness.noon + 2, name: "bob")
        #expect(
            Harness.shown(chat.handle(.arrived([post])))
                == ["12:00 #general \(label("bob", chat.carol)) [not the first bob]: trust me"])
        // The name is now ambiguous: a private message asks for the fingerprint.
        let ambiguous = Harness.shown(chat.handle(.typed("/msg bob hi")))
        #expect(ambiguous.count == 1)
        #expect(ambiguous.first?.contains("more than one person") == true)
        #expect(ambiguous.first?.contains(chat.carol.publicKey.fingerprint.full) == true)
        #expect(ambiguous.first?.contains(chat.bob.publicKey.fingerprint.full) == true)
        let byFingerprint = chat.handle(.typed("/msg \(chat.bob.publicKey.fingerprint.full) hi"))
        #expect(
            Harness.requests(byFingerprint)
                == [.sendPrivate(chat.community.id, recipient: chat.bob.publicKey, text: "hi")])
    }

    @Test("an about arriving late does not bring back an older name")
    func lateAbout() throws {
        var chat = try started()
        var old = try chat.about(by: chat.bob, "bobby", at: Harness.noon - 10_000)
        old = ControlEntry(entry: old.entry, authorName: "bob", isOwn: false, privateMessage: nil)
        #expect(Harness.shown(chat.handle(.arrived([old]))).isEmpty)
        let post = try chat.post(by: chat.bob, "still bob", name: "bob")
        #expect(
            Harness.shown(chat.handle(.arrived([post])))
                == ["12:00 #general \(label("bob", chat.bob)): still bob"])
    }

    @Test("private messages show to the two people and nothing when the node could not open them")
    func privateMessages() throws {
        var chat = try started()
        let received = try chat.privateMessage(
            from: chat.bob, to: chat.alice.publicKey, "the key is under the mat", readable: true)
        #expect(
            Harness.shown(chat.handle(.arrived([received])))
                == ["12:00 [private] from \(label("bob", chat.bob)): the key is under the mat"])
        let sent = try chat.privateMessage(
            from: chat.alice, to: chat.bob.publicKey, "thanks", readable: true)
        #expect(
            Harness.shown(chat.handle(.arrived([sent])))
                == ["12:00 [private] to \(label("bob", chat.bob)): thanks"])
        let relayed = try chat.privateMessage(
            from: chat.bob, to: chat.carol.publicKey, "not for alice", readable: false)
        #expect(chat.handle(.arrived([relayed])).isEmpty)
        #expect(
            Harness.shown(chat.handle(.typed("/msg zed hi"))).first?.hasPrefix(
                "!! nobody called 'zed'") == true)
        // On start, the latest private messages the node holds are shown under a heading,
        // without those already shown.
        let earlier = try chat.privateMessage(
            from: chat.bob, to: chat.alice.publicKey, "while you were away", readable: true,
            at: Harness.noon + 1)
        let inbox = Harness.shown(chat.handle(.replied(.inbox, .entries([earlier, received]))))
        #expect(
            inbox == [
                "-- your latest private messages:",
                "12:00 [private] from \(label("bob", chat.bob)): while you were away",
            ])
        #expect(chat.handle(.replied(.inbox, .entries([]))).isEmpty)
    }

    @Test("blocked authors are hidden; /block asks the node and refuses oneself")
    func blocking() throws {
        var chat = try started()
        _ = chat.handle(.replied(.loadBlocked, .blocked([chat.bob.publicKey])))
        let post = try chat.post(by: chat.bob, "spam", name: "bob")
        #expect(chat.handle(.arrived([post])).isEmpty)
        #expect(
            Harness.shown(chat.handle(.typed("/block alice"))) == ["!! you cannot block yourself"])
        let hide = chat.handle(.typed("/block \(chat.carol.publicKey.fingerprint.short)"))
        #expect(Harness.requests(hide) == [.hide(chat.carol.publicKey)])
        let hidden = Harness.shown(
            chat.handle(
                .replied(
                    .hide(chat.carol.publicKey),
                    .blocked([chat.bob.publicKey, chat.carol.publicKey])
                )))
        #expect(hidden.first?.contains("this node still relays what they write") == true)
        let block = chat.handle(
            .typed("/block --refuse \(chat.carol.publicKey.fingerprint.short)"))
        #expect(Harness.requests(block) == [.block(chat.carol.publicKey)])
        let answer = Harness.shown(
            chat.handle(
                .replied(
                    .block(chat.carol.publicKey, blocking: true),
                    .blocked([chat.bob.publicKey, chat.carol.publicKey]))))
        #expect(answer.first?.hasPrefix("-- blocked anonymous (") == true)
        #expect(chat.session.blocked == [chat.bob.publicKey, chat.carol.publicKey])
        let unblock = chat.handle(.typed("/unblock bob"))
        #expect(Harness.requests(unblock) == [.unblock(chat.bob.publicKey)])
        _ = chat.handle(
            .replied(.block(chat.bob.publicKey, blocking: false), .blocked([chat.carol.publicKey])))
        let later = try chat.post(by: chat.bob, "back", at: Harness.noon + 5, name: "bob")
        #expect(Harness.shown(chat.handle(.arrived([later]))).count == 1)
    }
}
