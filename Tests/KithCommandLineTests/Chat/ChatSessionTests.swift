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

    @Test("catch-up is shown sorted by time under one heading, after what was live")
    func catchUp() throws {
        var chat = try started()
        let hour: UInt64 = 3_600_000
        let live = try chat.post(by: chat.bob, "now", at: Harness.noon + hour, name: "bob")
        _ = chat.handle(.arrived([live]))
        let late1 = try chat.post(by: chat.carol, "c1", at: Harness.noon + 60_000)
        let late2 = try chat.post(by: chat.carol, "c2", at: Harness.noon + 180_000)
        let late0 = try chat.post(by: chat.bob, "b0", at: Harness.noon, name: "bob")
        let collecting = chat.handle(.arrived([late1, late2, late0]))
        #expect(
            collecting == [
                .collectLateArrivals(milliseconds: ChatSession.lateCollectionMilliseconds)
            ])
        let shown = Harness.shown(chat.handle(.lateArrivalsCollected))
        #expect(shown.count == 5)
        #expect(shown.first == "-- 3 earlier messages arrived (catch-up):")
        #expect(shown[1].hasSuffix(": b0"))
        #expect(shown[2].hasSuffix(": c1"))
        #expect(shown[3].hasSuffix(": c2"))
        #expect(shown.last == "-- end of catch-up")
    }

    @Test("late messages arriving one at a time are gathered under one heading; live ones pass")
    func lateOneAtATime() throws {
        var chat = try started()
        let hour: UInt64 = 3_600_000
        _ = chat.handle(.arrived([try chat.post(by: chat.bob, "now", at: Harness.noon + hour)]))
        let first = chat.handle(
            .arrived([try chat.post(by: chat.carol, "c2", at: Harness.noon + 2)]))
        #expect(
            first == [.collectLateArrivals(milliseconds: ChatSession.lateCollectionMilliseconds)])
        // The second late one asks for no second collection; a live one is shown at once.
        #expect(
            chat.handle(.arrived([try chat.post(by: chat.carol, "c1", at: Harness.noon)])).isEmpty)
        let live = Harness.shown(
            chat.handle(.arrived([try chat.post(by: chat.bob, "live", at: Harness.noon + hour)])))
        #expect(live.count == 1 && live[0].hasSuffix(": live"))
        let shown = Harness.shown(chat.handle(.lateArrivalsCollected))
        #expect(shown.first == "-- 2 earlier messages arrived (catch-up):")
        #expect(shown[1].hasSuffix(": c1") && shown[2].hasSuffix(": c2"))
        #expect(shown.last == "-- end of catch-up")
        // A single late message gets its heading too.
        _ = chat.handle(.arrived([try chat.post(by: chat.carol, "c3", at: Harness.noon + 3)]))
        let single = Harness.shown(chat.handle(.lateArrivalsCollected))
        #expect(single.first == "-- 1 earlier message arrived (catch-up):")
        #expect(chat.handle(.lateArrivalsCollected).isEmpty, "nothing twice")
    }

    @Test("posts with one timestamp are listed by author, then in chain order")
    func sameTimestampOrder() throws {
        var chat = try started()
        let first = try chat.post(by: chat.bob, "bob 1", name: "bob")
        let second = try chat.post(by: chat.bob, "bob 2", name: "bob")
        let third = try chat.post(by: chat.bob, "bob 3", name: "bob")
        let carol = try chat.post(by: chat.carol, "carol 1")
        let shown = Harness.shown(chat.handle(.arrived([third, carol, first, second])))
        let texts = shown.compactMap { $0.split(separator: ": ").last.map(String.init) }
        let bobFirst = chat.bob.publicKey < chat.carol.publicKey
        let expected =
            bobFirst
            ? ["bob 1", "bob 2", "bob 3", "carol 1"] : ["carol 1", "bob 1", "bob 2", "bob 3"]
        #expect(texts == expected, "\(shown)")
    }

    @Test("a catch-up flood shows its last messages and points to /history")
    func catchUpFlood() throws {
        var chat = try started()
        let live = try chat.post(by: chat.bob, "now", at: Harness.noon + 86_400_000, name: "bob")
        _ = chat.handle(.arrived([live]))
        var batch: [ControlEntry] = []
        for index in 0..<120 {
            batch.append(
                try chat.post(
                    by: chat.carol, "old \(index)", at: Harness.noon + UInt64(index) * 1000))
        }
        _ = chat.handle(.arrived(batch))
        let shown = Harness.shown(chat.handle(.lateArrivalsCollected))
        #expect(shown.count == ChatSession.catchUpShown + 2)
        #expect(
            shown.first
                == "-- 120 earlier messages arrived (catch-up); the last 50, /history shows more:")
        #expect(shown[1].hasSuffix(": old 70"))
        #expect(shown[shown.count - 2].hasSuffix(": old 119"))
    }

    @Test("mentions of one's name stand out, only as a whole word, when colour is on")
    func mentions() throws {
        var chat = try started(colors: true)
        let mention = try chat.post(by: chat.bob, "hey Alice, look", name: "bob")
        let text = Harness.shown(chat.handle(.arrived([mention]))).first ?? ""
        #expect(text.contains("\u{1B}[1;33mhey Alice, look\u{1B}[0m"))
        let notMention = try chat.post(
            by: chat.bob, "Alicetown is far", at: Harness.noon + 1, name: "bob")
        let plain = Harness.shown(chat.handle(.arrived([notMention]))).first ?? ""
        #expect(!plain.contains("\u{1B}[1;33m"))
        #expect(plain.hasSuffix(": Alicetown is far"))
        let own = try chat.post(by: chat.alice, "mine", at: Harness.noon + 2, name: "alice")
        let ownLine = Harness.shown(chat.handle(.arrived([own]))).first ?? ""
        #expect(ownLine.contains("\u{1B}[1m\(label("alice", chat.alice))\u{1B}[0m"))
    }

    @Test("a mention or a private message rings the bell once; others' posts and one's own do not")
    func bellOnMention() throws {
        var chat = try started()
        let mention = try chat.post(by: chat.bob, "hey Alice, look", name: "bob")
        let other = try chat.post(by: chat.carol, "hey Alice", at: Harness.noon + 1)
        #expect(chat.handle(.arrived([mention, other])).filter { $0 == .bell }.count == 1)
        let plain = try chat.post(by: chat.bob, "nothing for you", at: Harness.noon + 2)
        #expect(!chat.handle(.arrived([plain])).contains(.bell))
        let own = try chat.post(by: chat.alice, "Alice here", at: Harness.noon + 3)
        #expect(!chat.handle(.arrived([own])).contains(.bell))
        let privately = try chat.privateMessage(
            from: chat.bob, to: chat.alice.publicKey, "psst", readable: true,
            at: Harness.noon + 4)
        #expect(chat.handle(.arrived([privately])).contains(.bell))
    }

    @Test("without colour no escape code is ever written")
    func noColour() throws {
        var chat = try started(colors: false)
        let mention = try chat.post(by: chat.bob, "alice!", name: "bob")
        var lines = Harness.shown(chat.handle(.arrived([mention])))
        lines += Harness.shown(chat.handle(.typed("/help")))
        lines += Harness.shown(chat.handle(.typed("/nope")))
        #expect(!lines.isEmpty)
        #expect(lines.allSatisfy { !$0.contains("\u{1B}") })
    }

    @Test("/join and /part change the current channel and its prompt")
    func channels() throws {
        var chat = try started()
        let random = try ChannelName("random")
        let join = chat.handle(.typed("/join #random"))
        #expect(join.contains(.setPrompt("lobby/#random> ")))
        #expect(Harness.requests(join).contains(.history(chat.community.id, random, limit: 20)))
        #expect(
            Harness.requests(chat.handle(.typed("hi"))) == [
                .post(chat.community.id, random, text: "hi")
            ])
        let post = try chat.post(by: chat.bob, "in random", channel: "random", name: "bob")
        #expect(Harness.shown(chat.handle(.arrived([post]))).count == 1)
        let part = chat.handle(.typed("/part"))
        #expect(part.contains(.setPrompt("lobby/#general> ")))
        #expect(
            Harness.shown(chat.handle(.typed("/part #random"))) == ["!! you are not in #random"])
        #expect(
            Harness.shown(chat.handle(.typed("/part"))).first?.hasPrefix(
                "!! #general is your last channel") == true)
        // Leaving the only other channel after leaving #general says that #general comes back.
        _ = chat.handle(.typed("/join #dev"))
        _ = chat.handle(.typed("/part #general"))
        let lastPart = Harness.shown(chat.handle(.typed("/part #dev")))
        #expect(lastPart.contains("-- it was your last channel: back in #general, joined again"))
    }

    @Test("/history shows the node's answer in order; /who lists who is online with fingerprints")
    func historyAndWho() throws {
        var chat = try started()
        let general = try ChannelName("general")
        #expect(
            Harness.requests(chat.handle(.typed("/history 5"))) == [
                .history(chat.community.id, general, limit: 5)
            ])
        let first = try chat.post(by: chat.bob, "one", name: "bob")
        let second = try chat.post(by: chat.carol, "two", at: Harness.noon + 1)
        let shown = Harness.shown(
            chat.handle(.replied(.history(general), .entries([first, second]))))
        #expect(shown.first == "-- #general: the last 2 messages:")
        #expect(
            shown.dropFirst().map { $0.hasSuffix("one") || $0.hasSuffix("two") } == [true, true])
        #expect(
            Harness.requests(chat.handle(.typed("/who"))) == [
                .people(chat.community.id, .online), .people(chat.community.id, .recentlyActive),
            ])
        let online = Harness.shown(
            chat.handle(
                .replied(
                    .who,
                    .people([
                        ChatPerson(
                            key: chat.alice.publicKey, displayName: "alice", entryCount: 1,
                            firstTimestamp: nil, lastTimestamp: nil, isOnline: false),
                        ChatPerson(
                            key: chat.bob.publicKey, displayName: "bob", entryCount: 1,
                            firstTimestamp: nil, lastTimestamp: nil, isOnline: true),
                    ]))))
        let recent = Harness.shown(
            chat.handle(
                .replied(
                    .whoRecent,
                    .people(
                        [
                            ChatPerson(
                                key: chat.carol.publicKey, displayName: nil, entryCount: 1,
                                firstTimestamp: nil, lastTimestamp: Harness.noon,
                                isOnline: false, isRecentlyActive: true)
                        ], more: 250))))
        let who = online + recent
        #expect(who.count == 6)
        #expect(who[0].hasPrefix("-- 2 online in lobby"))
        #expect(
            who[1]
                == "--   \(label("alice", chat.alice)) (you)  \(chat.alice.publicKey.fingerprint.full)"
        )
        #expect(who[2] == "--   \(label("bob", chat.bob))  \(chat.bob.publicKey.fingerprint.full)")
        // Carol is reached only through others, but wrote lately.
        #expect(who[3] == "-- 251 more active in the last 10 minutes, through others:")
        #expect(
            who[4]
                == "--   anonymous (\(chat.carol.publicKey.fingerprint.short))  "
                + "\(chat.carol.publicKey.fingerprint.full) (latest 12:00)")
        #expect(who[5] == "--   and 250 more, not listed")
    }

    @Test("/community lists, switches and shows invite codes")
    func communities() throws {
        var chat = try started()
        #expect(
            Harness.shown(chat.handle(.typed("/community list"))) == [
                "-- communities (* current):", "-- * lobby", "--   work",
            ])
        let invite = Harness.shown(chat.handle(.typed("/community invite work")))
        #expect(invite.last == "--   kith1-work-code")
        let switched = chat.handle(.typed("/community switch work"))
        #expect(Harness.requests(switched).first == .people(chat.other.id, .first))
        #expect(chat.session.community == chat.other)
        // Posts of the community left are no longer shown, only counted as activity there.
        let post = try chat.post(by: chat.bob, "lobby talk", name: "bob")
        #expect(
            chat.handle(.arrived([post])) == [.setPrompt("work/#general [act: lobby/#general 1]> ")]
        )
        #expect(
            Harness.shown(chat.handle(.typed("/community switch nowhere"))).first?.hasPrefix(
                "!! you are in no community") == true)
    }

    @Test("/quit ends, with a parting message posted first when given; failures are shown")
    func quitAndFailures() throws {
        var chat = try started()
        #expect(chat.handle(.typed("/quit")) == [.quit])
        let parting = chat.handle(.typed("/quit bye all"))
        #expect(parting.last == .quit)
        #expect(
            Harness.requests(parting) == [
                .post(chat.community.id, try ChannelName("general"), text: "bye all")
            ])
        #expect(
            Harness.shown(chat.handle(.replied(.send, .failed("text too long")))) == [
                "!! text too long"
            ])
        #expect(chat.handle(.replied(.send, .done)).isEmpty)
    }

    @Test("topics: set, shown when they change, on /topic, and on joining only when there is one")
    func topics() throws {
        var chat = try started()
        let general = try ChannelName("general")
        #expect(
            Harness.requests(chat.handle(.typed("/topic Plans for Saturday")))
                == [.setTopic(chat.community.id, general, text: "Plans for Saturday")])
        let topic = try Topic(channel: general, text: "Plans for Saturday")
        let entry = try chat.entry(
            by: chat.bob, type: .topic, content: topic.encoded(), at: Harness.noon)
        let shown = Harness.shown(
            chat.handle(
                .arrived([
                    ControlEntry(entry: entry, authorName: "bob", isOwn: false, privateMessage: nil)
                ])))
        #expect(
            shown == [
                "12:00 -- \(label("bob", chat.bob)) set the topic of #general: Plans for Saturday"
            ])
        #expect(Harness.requests(chat.handle(.typed("/topic"))) == [.channels(chat.community.id)])
        let withTopic = ControlChannel(
            name: general, postCount: 1, lastTimestamp: nil, topic: "Plans for Saturday",
            topicAuthor: chat.bob.publicKey)
        #expect(
            Harness.shown(chat.handle(.replied(.showTopic(general), .channels([withTopic]))))
                == ["-- topic of #general: Plans for Saturday (set by \(label("bob", chat.bob)))"])
        let bare = ControlChannel(
            name: general, postCount: 1, lastTimestamp: nil, topic: nil, topicAuthor: nil)
        #expect(chat.handle(.replied(.joinTopic(general), .channels([bare]))).isEmpty)
        #expect(
            Harness.shown(chat.handle(.replied(.showTopic(general), .channels([bare]))))
                == ["-- #general has no topic; /topic TEXT sets one"])
    }
}
