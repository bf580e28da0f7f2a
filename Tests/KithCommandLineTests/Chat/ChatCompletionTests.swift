import KithCommandLine
import KithControl
import KithCore
import Testing

private typealias Harness = ChatSessionHarness

@Suite("ChatSession: Tab completion candidates")
struct ChatCompletionTests {
    private func request(_ word: String, first: Bool = false) -> LineCompletionRequest {
        LineCompletionRequest(word: word, isFirstWord: first)
    }

    @Test("a first word starting with / completes command names, nowhere else")
    func commands() throws {
        let chat = try Harness()
        #expect(chat.session.completions(for: request("/j", first: true)) == ["/join "])
        #expect(
            chat.session.completions(for: request("/WHO", first: true)) == ["/who ", "/whois "])
        #expect(chat.session.completions(for: request("/j")).isEmpty)
        #expect(chat.session.completions(for: request("/zz", first: true)).isEmpty)
    }

    @Test("people known here complete by name, without oneself; `: ` after a first word")
    func people() throws {
        var chat = try Harness()
        _ = chat.loadPeople([
            ("alice", chat.alice.publicKey, true), ("Bob", chat.bob.publicKey, true),
            ("bobby", chat.carol.publicKey, false),
        ])
        #expect(chat.session.completions(for: request("b", first: true)) == ["Bob: ", "bobby: "])
        #expect(chat.session.completions(for: request("BO")) == ["Bob ", "bobby "])
        #expect(chat.session.completions(for: request("al")).isEmpty, "not oneself")
        #expect(chat.session.completions(for: request("")).isEmpty)
    }

    @Test("channels complete from those joined, listed by the node and with unread posts")
    func channels() throws {
        var chat = try Harness()
        _ = chat.handle(.typed("/join #garden"))
        _ = chat.handle(
            .replied(
                .channels,
                .channels([
                    ControlChannel(
                        name: try ChannelName("games"), postCount: 3, lastTimestamp: nil,
                        topic: nil, topicAuthor: nil)
                ])))
        #expect(
            chat.session.completions(for: request("#g")) == ["#games ", "#garden ", "#general "])
        #expect(
            chat.session.completions(for: request("#ga", first: true)) == ["#games ", "#garden "])
        let post = try chat.post(by: chat.bob, "psst", channel: "quiet")
        _ = chat.handle(.arrived([post]))
        #expect(chat.session.completions(for: request("#q")) == ["#quiet "])
    }

    @Test("/help ends with the keys of the input line")
    func helpListsKeys() throws {
        var chat = try Harness()
        let lines = Harness.shown(chat.handle(.typed("/help")))
        let keys = lines.suffix(ChatSession.keyHelp.count).joined(separator: " ")
        #expect(keys.contains("Tab completes"))
        #expect(keys.contains("Ctrl-Z suspends"))
        #expect(keys.contains("⏎"))
    }

    @Test("pasted text with line breaks is one message, even when a line starts with /")
    func multiLineIsAMessage() {
        #expect(ChatInput.parse("/quit\nbye") == .message("/quit\nbye"))
        #expect(ChatInput.parse("hello\n/quit") == .message("hello\n/quit"))
    }
}
