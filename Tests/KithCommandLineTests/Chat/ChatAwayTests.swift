import KithCommandLine
import KithCore
import Testing

@Suite("ChatSession: /away")
struct ChatAwayTests {
    typealias Harness = ChatSessionHarness

    @Test("while away, mentions and private messages are kept and summed up on /back")
    func summaryOnReturn() throws {
        var chat = try Harness.started()
        let bob = Harness.label("bob", chat.bob)
        let going = chat.handle(.typed("/away lunch"))
        #expect(chat.session.prompt == "lobby/#general (away)> ")
        #expect(going.contains(.setPrompt("lobby/#general (away)> ")))
        #expect(Harness.shown(going).first?.hasPrefix("-- you are away (lunch)") == true)

        let plain = try chat.post(by: chat.bob, "anyone for coffee?", name: "bob")
        let mention = try chat.post(by: chat.bob, "alice, are you in?", name: "bob")
        let secret = try chat.privateMessage(
            from: chat.bob, to: chat.alice.publicKey, "call me", readable: true)
        // Still shown as they come (and the bell rings), and kept.
        let arrived = chat.handle(.arrived([plain, mention, secret]))
        #expect(Harness.shown(arrived).count == 3)
        #expect(arrived.last == .bell)
        // Her own mention of herself is not something she missed.
        _ = chat.handle(.arrived([try chat.post(by: chat.alice, "alice is out", name: "alice")]))

        let back = chat.handle(.typed("/back"))
        #expect(back.first == .setPrompt("lobby/#general> "))
        #expect(
            Harness.shown(back) == [
                "-- you are back; while you were away: 1 mention and 1 private message:",
                "--   12:00 #general \(bob): alice, are you in?",
                "--   12:00 [private] from \(bob): call me",
                "-- end of what you missed",
            ])
        #expect(chat.session.away == nil)
    }

    @Test("/away alone comes back; nothing missed says so; /back when not away explains")
    func backWithNothing() throws {
        var chat = try Harness.started()
        _ = chat.handle(.typed("/away meeting"))
        _ = chat.handle(.arrived([try chat.post(by: chat.bob, "no mention here", name: "bob")]))
        #expect(
            Harness.shown(chat.handle(.typed("/away")))
                == ["-- you are back; nothing called for you while you were away"])
        #expect(
            Harness.shown(chat.handle(.typed("/back")))
                == ["!! you are not away; /away REASON marks you"])
        #expect(
            Harness.shown(chat.handle(.typed("/back now"))).first?.hasPrefix(
                "!! /back takes no arguments") == true)
    }

    @Test("a new reason keeps what was missed; only the newest lines are kept, all are counted")
    func boundedSummary() throws {
        var chat = try Harness.started()
        _ = chat.handle(.typed("/away lunch"))
        let count = ChatAway.keptLines + 5
        for index in 0..<count {
            let entry = try chat.privateMessage(
                from: chat.bob, to: chat.alice.publicKey, "ping \(index)", readable: true,
                at: Harness.noon + UInt64(index))
            _ = chat.handle(.arrived([entry]))
        }
        _ = chat.handle(.typed("/away still at lunch"))
        #expect(chat.session.away?.reason == "still at lunch")
        let shown = Harness.shown(chat.handle(.typed("/back")))
        #expect(
            shown.first
                == "-- you are back; while you were away: 0 mentions and \(count) private "
                + "messages (the last \(ChatAway.keptLines)):")
        #expect(shown.count == ChatAway.keptLines + 2)
        #expect(shown[1].hasSuffix(": ping 5"))
    }

    @Test("the prompt shows both a private conversation and being away")
    func promptWithQuery() throws {
        var chat = try Harness.started()
        _ = chat.handle(.typed("/query bob"))
        _ = chat.handle(.typed("/away out"))
        #expect(chat.session.prompt == "lobby/@bob (away)> ")
    }
}
