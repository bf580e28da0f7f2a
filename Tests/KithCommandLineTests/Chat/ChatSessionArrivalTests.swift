import KithCommandLine
import KithControl
import KithCore
import Testing

/// How entries that arrive late or in a flood are placed and shown.
@Suite("ChatSession: late arrivals and their order")
struct ChatSessionArrivalTests {
    typealias Harness = ChatSessionHarness

    @Test("catch-up is shown sorted by time under one heading, after what was live")
    func catchUp() throws {
        var chat = try Harness.started()
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
        var chat = try Harness.started()
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
        var chat = try Harness.started()
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
        var chat = try Harness.started()
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
}
