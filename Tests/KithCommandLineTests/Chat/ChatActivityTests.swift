import KithCommandLine
import KithControl
import KithCore
import Testing

@Suite("ChatSession: activity list and /next")
struct ChatActivityTests {
    typealias Harness = ChatSessionHarness

    @Test("posts in other joined channels and communities show in the prompt, a mention marked")
    func promptShowsActivity() throws {
        var chat = try Harness.started()
        _ = chat.handle(.typed("/join dev"))
        _ = chat.handle(.typed("/join general"))
        #expect(chat.session.prompt == "lobby/#general> ")
        // Here, own posts and channels not joined are no activity.
        _ = chat.handle(.arrived([try chat.post(by: chat.bob, "here", name: "bob")]))
        _ = chat.handle(.arrived([try chat.post(by: chat.alice, "mine", channel: "dev")]))
        _ = chat.handle(
            .arrived([try chat.post(by: chat.bob, "elsewhere", channel: "random", name: "bob")]))
        #expect(chat.session.prompt == "lobby/#general> ")

        let dev = try chat.post(by: chat.bob, "build is red", channel: "dev", name: "bob")
        #expect(Harness.prompts(chat.handle(.arrived([dev]))) == ["lobby/#general [act: #dev 1]> "])
        let work = try chat.entry(
            by: chat.carol, type: .post,
            content: try Post(channel: try ChannelName("general"), text: "work news").encoded(),
            at: Harness.noon, in: chat.other.id)
        let workEntry = ControlEntry(
            entry: work, authorName: nil, isOwn: false, privateMessage: nil)
        _ = chat.handle(.arrived([workEntry]))
        let mention = try chat.post(by: chat.bob, "alice, look", channel: "dev", name: "bob")
        _ = chat.handle(.arrived([mention]))
        #expect(chat.session.prompt == "lobby/#general [act: #dev 2!, work/#general 1]> ")
    }

    @Test("/next goes to a mention first, then the oldest, across communities; then says none")
    func nextGoesWhereItMatters() throws {
        var chat = try Harness.started()
        _ = chat.handle(.typed("/join dev"))
        _ = chat.handle(.typed("/join ops"))
        _ = chat.handle(.typed("/join general"))
        let work = try chat.entry(
            by: chat.carol, type: .post,
            content: try Post(channel: try ChannelName("general"), text: "work news").encoded(),
            at: Harness.noon, in: chat.other.id)
        _ = chat.handle(
            .arrived([ControlEntry(entry: work, authorName: nil, isOwn: false, privateMessage: nil)]
            ))
        _ = chat.handle(
            .arrived([try chat.post(by: chat.bob, "ops thing", channel: "ops", name: "bob")]))
        _ = chat.handle(
            .arrived([try chat.post(by: chat.bob, "hey alice", channel: "dev", name: "bob")]))

        _ = chat.handle(.typed("/next"))
        #expect(chat.session.prompt == "lobby/#dev [act: work/#general 1, #ops 1]> ")
        let toWork = chat.handle(.typed("/next"))
        #expect(chat.session.community == chat.other)
        #expect(chat.session.prompt == "work/#general [act: lobby/#ops 1]> ")
        #expect(Harness.requests(toWork).contains(.people(chat.other.id, .first)))
        _ = chat.handle(.typed("/next"))
        #expect(chat.session.prompt == "lobby/#ops> ")
        #expect(Harness.shown(chat.handle(.typed("/next"))) == ["-- no activity elsewhere"])
    }

    @Test("/join of a channel with activity clears it")
    func joinClears() throws {
        var chat = try Harness.started()
        _ = chat.handle(.typed("/join dev"))
        _ = chat.handle(.typed("/join general"))
        _ = chat.handle(
            .arrived([try chat.post(by: chat.bob, "x", channel: "dev", name: "bob")]))
        _ = chat.handle(.typed("/join dev"))
        #expect(chat.session.prompt == "lobby/#dev> ")
    }

    @Test("beyond four places the prompt lists mentions first and counts the rest")
    func longListIsCut() throws {
        var chat = try Harness.started()
        let names = ["a", "b", "c", "d", "e", "f"]
        for name in names { _ = chat.handle(.typed("/join \(name)")) }
        _ = chat.handle(.typed("/join general"))
        for name in names {
            let text = name == "f" ? "alice!" : "news"
            _ = chat.handle(
                .arrived([try chat.post(by: chat.bob, text, channel: name, name: "bob")]))
        }
        #expect(chat.session.prompt == "lobby/#general [act: #f 1!, #a 1, #b 1, #c 1, +2]> ")
    }
}
