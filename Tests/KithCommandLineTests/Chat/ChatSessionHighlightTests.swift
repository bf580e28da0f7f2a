import KithCommandLine
import KithControl
import KithCore
import Testing

/// What stands out: mentions, the bell, and colour only when it is on.
@Suite("ChatSession: mentions, bell and colour")
struct ChatSessionHighlightTests {
    typealias Harness = ChatSessionHarness

    @Test("mentions of one's name stand out, only as a whole word, when colour is on")
    func mentions() throws {
        var chat = try Harness.started(colors: true)
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
        #expect(ownLine.contains("\u{1B}[1m\(Harness.label("alice", chat.alice))\u{1B}[0m"))
    }

    @Test("a mention or a private message rings the bell once; others' posts and one's own do not")
    func bellOnMention() throws {
        var chat = try Harness.started()
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
        var chat = try Harness.started(colors: false)
        let mention = try chat.post(by: chat.bob, "alice!", name: "bob")
        var lines = Harness.shown(chat.handle(.arrived([mention])))
        lines += Harness.shown(chat.handle(.typed("/help")))
        lines += Harness.shown(chat.handle(.typed("/nope")))
        #expect(!lines.isEmpty)
        #expect(lines.allSatisfy { !$0.contains("\u{1B}") })
    }
}
