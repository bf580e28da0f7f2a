import KithCommandLine
import KithControl
import KithCore
import Testing

/// The slash commands: channels, history and who, communities, quitting, topics.
@Suite("ChatSession: slash commands")
struct ChatSessionCommandTests {
    typealias Harness = ChatSessionHarness

    @Test("/join and /part change the current channel and its prompt")
    func channels() throws {
        var chat = try Harness.started()
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
        var chat = try Harness.started()
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
                == "--   \(Harness.label("alice", chat.alice)) (you)  \(chat.alice.publicKey.fingerprint.full)"
        )
        #expect(
            who[2]
                == "--   \(Harness.label("bob", chat.bob))  \(chat.bob.publicKey.fingerprint.full)")
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
        var chat = try Harness.started()
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
        var chat = try Harness.started()
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
        var chat = try Harness.started()
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
                "12:00 -- \(Harness.label("bob", chat.bob)) set the topic of #general: Plans for Saturday"
            ])
        #expect(Harness.requests(chat.handle(.typed("/topic"))) == [.channels(chat.community.id)])
        let withTopic = ControlChannel(
            name: general, postCount: 1, lastTimestamp: nil, topic: "Plans for Saturday",
            topicAuthor: chat.bob.publicKey)
        #expect(
            Harness.shown(chat.handle(.replied(.showTopic(general), .channels([withTopic]))))
                == [
                    "-- topic of #general: Plans for Saturday (set by \(Harness.label("bob", chat.bob)))"
                ])
        let bare = ControlChannel(
            name: general, postCount: 1, lastTimestamp: nil, topic: nil, topicAuthor: nil)
        #expect(chat.handle(.replied(.joinTopic(general), .channels([bare]))).isEmpty)
        #expect(
            Harness.shown(chat.handle(.replied(.showTopic(general), .channels([bare]))))
                == ["-- #general has no topic; /topic TEXT sets one"])
    }
}
