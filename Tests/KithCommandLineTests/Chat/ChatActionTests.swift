import KithCommandLine
import KithCore
import Testing

private typealias Harness = ChatSessionHarness

@Suite("/me: an action is an ordinary post starting with `* `")
struct ChatActionTests {
    @Test("/me ACTION parses; without an action it explains the usage")
    func parsing() {
        #expect(ChatInput.parse("/me waves hello") == .command(.me(action: "waves hello")))
        #expect(ChatInput.parse("/ME  waves") == .command(.me(action: "waves")))
        guard case .invalid(let explanation) = ChatInput.parse("/me") else {
            Issue.record("/me without an action was accepted")
            return
        }
        #expect(explanation.contains("/me ACTION"))
    }

    @Test("/me waves posts `* waves` to the current channel")
    func posting() throws {
        var chat = try Harness()
        let actions = chat.handle(.typed("/me waves"))
        #expect(
            Harness.requests(actions) == [
                .post(chat.community.id, try ChannelName("general"), text: "* waves")
            ])
    }

    @Test("Tab offers /me and /msg for /m")
    func completion() throws {
        let chat = try Harness()
        let offered = chat.session.completions(
            for: LineCompletionRequest(word: "/m", isFirstWord: true))
        #expect(offered == ["/msg ", "/me "])
    }
}
