import KithCommandLine
import KithCore
import Testing

/// `/community create|join|leave|switch|list`, the prompt, and the rule that a typed line goes
/// only to the community the prompt shows.
@Suite("ChatSession communities")
struct ChatCommunityTests {
    typealias Harness = ChatSessionHarness

    /// A harness past start-up in `lobby` (with `work` also held).
    private func started() throws -> Harness {
        var chat = try Harness()
        _ = chat.handle(.started)
        _ = chat.loadPeople([("alice", chat.alice.publicKey, true)])
        return chat
    }

    private func garden() throws -> ChatCommunity {
        ChatCommunity(
            name: "garden", id: try CommunityID(bytes: [UInt8](repeating: 9, count: 32)),
            inviteCode: "kith1-garden-code")
    }

    /// The prompt `actions` set, if any.
    private static func prompt(_ actions: [ChatAction]) -> String? {
        actions.compactMap { if case .setPrompt(let text) = $0 { text } else { nil } }.last
    }

    @Test("the prompt shows the community and the channel, and follows every switch")
    func promptShowsCommunity() throws {
        var chat = try started()
        #expect(chat.session.prompt == "lobby/#general> ")
        let switched = chat.handle(.typed("/community switch work"))
        #expect(Self.prompt(switched) == "work/#general> ")
        #expect(Self.prompt(chat.handle(.typed("/join dev"))) == "work/#dev> ")
        // Each community keeps its own channels.
        #expect(Self.prompt(chat.handle(.typed("/community switch lobby"))) == "lobby/#general> ")
        #expect(Self.prompt(chat.handle(.typed("/community switch work"))) == "work/#dev> ")
    }

    @Test("a name from an invite code reaches the prompt and lines with its controls replaced")
    func namesAreEscaped() throws {
        var chat = try started()
        let hostile = ChatCommunity(
            name: "evil\u{9B}31m", id: try CommunityID(bytes: [UInt8](repeating: 5, count: 32)),
            inviteCode: "kith1-evil")
        _ = chat.handle(.communitiesChanged([chat.community, hostile]))
        let actions = chat.handle(.typed("/community switch evil\u{9B}31m"))
        #expect(Self.prompt(actions)?.unicodeScalars.contains { $0.value == 0x9B } == false)
        #expect(
            Harness.shown(actions).allSatisfy { !$0.unicodeScalars.contains { $0.value == 0x9B } })
    }

    @Test("/community create and join go to the node; the list grows and switch then works")
    func createAndJoin() throws {
        var chat = try started()
        let garden = try garden()
        let create = chat.handle(.typed("/community create garden"))
        #expect(Harness.requests(create) == [.createCommunity(name: "garden")])
        let created = chat.handle(
            .replied(
                .changeCommunities(.created), .communities([chat.community, chat.other, garden])))
        let lines = Harness.shown(created)
        #expect(lines.first == "-- created garden; anyone with this invite code can join it:")
        #expect(lines.contains("--   kith1-garden-code"))
        // Creating does not move the chat: the prompt stays.
        #expect(Self.prompt(created) == nil)
        #expect(chat.session.community == chat.community)
        #expect(
            Harness.shown(chat.handle(.typed("/community list"))) == [
                "-- communities (* current):", "-- * lobby", "--   work", "--   garden",
            ])
        let switched = chat.handle(.typed("/community switch garden"))
        #expect(Self.prompt(switched) == "garden/#general> ")
        #expect(
            Harness.requests(chat.handle(.typed("hello garden"))) == [
                .post(garden.id, try ChannelName("general"), text: "hello garden")
            ])

        #expect(
            Harness.requests(chat.handle(.typed("/community join kith1xyz")))
                == [.joinCommunity(code: "kith1xyz")])
        // A refusal (an invalid code, a name taken) is shown and changes nothing.
        let refused = chat.handle(
            .replied(.changeCommunities(.joined), .failed("that invite code is not valid")))
        #expect(Harness.shown(refused) == ["!! that invite code is not valid"])
        #expect(chat.session.communities.count == 3)
    }

    @Test("leaving the community shown asks for the same line again; anything else cancels")
    func leavingCurrentIsConfirmed() throws {
        var chat = try started()
        let first = chat.handle(.typed("/community leave lobby"))
        #expect(Harness.requests(first).isEmpty)
        #expect(
            Harness.shown(first).first?.hasPrefix("!! lobby is the community you are in") == true)
        // Another line cancels: the next leave asks again.
        _ = chat.handle(.typed("/community list"))
        #expect(Harness.requests(chat.handle(.typed("/community leave lobby"))).isEmpty)
        let confirmed = chat.handle(.typed("/community leave lobby"))
        #expect(Harness.requests(confirmed) == [.leaveCommunity(chat.community.id)])
        let left = chat.handle(
            .replied(.changeCommunities(.left(chat.community.id)), .communities([chat.other])))
        #expect(Harness.shown(left).first == "-- left lobby: this node no longer replicates it")
        #expect(Self.prompt(left) == "work/#general> ")
        #expect(chat.session.community == chat.other)
        #expect(
            Harness.requests(chat.handle(.typed("hi"))) == [
                .post(chat.other.id, try ChannelName("general"), text: "hi")
            ])
    }

    @Test("another community is left at once; the last one is never left from the chat")
    func leavingOthers() throws {
        var chat = try started()
        #expect(
            Harness.requests(chat.handle(.typed("/community leave work")))
                == [.leaveCommunity(chat.other.id)])
        let left = chat.handle(
            .replied(.changeCommunities(.left(chat.other.id)), .communities([chat.community])))
        #expect(Self.prompt(left) == nil)
        #expect(chat.session.community == chat.community)
        let last = chat.handle(.typed("/community leave lobby"))
        #expect(Harness.requests(last).isEmpty)
        #expect(Harness.shown(last).first?.hasPrefix("!! lobby is your only community") == true)
        #expect(
            Harness.shown(chat.handle(.typed("/community leave nowhere"))).first?.hasPrefix(
                "!! you are in no community called 'nowhere'") == true)
    }

    @Test("a book changed outside the chat is told; a line is never posted elsewhere than shown")
    func outsideChanges() throws {
        var chat = try started()
        let garden = try garden()
        let joined = chat.handle(.communitiesChanged([chat.community, chat.other, garden]))
        #expect(
            Harness.shown(joined) == [
                "-- this node joined garden; /community switch garden goes there"
            ])
        _ = chat.handle(.typed("/community switch garden"))
        #expect(chat.session.prompt == "garden/#general> ")
        // garden is left in another terminal: the chat says so and stays, marked in the
        // prompt; a line typed there is refused, never sent to another community.
        let gone = chat.handle(.communitiesChanged([chat.community, chat.other]))
        #expect(Harness.shown(gone).contains("-- this node left garden"))
        #expect(
            Harness.shown(gone).last?.hasPrefix("!! this node is no longer in garden") == true)
        #expect(Self.prompt(gone) == "garden (left)/#general> ")
        let refused = chat.handle(.typed("after"))
        #expect(Harness.requests(refused).isEmpty)
        #expect(Harness.shown(refused).first?.hasPrefix("!! not sent") == true)
        #expect(Harness.requests(chat.handle(.typed("/quit bye"))).isEmpty)
        // Switching is explicit; then lines go where the new prompt says.
        #expect(
            Self.prompt(chat.handle(.typed("/community switch lobby"))) == "lobby/#general> ")
        #expect(
            Harness.requests(chat.handle(.typed("now here"))) == [
                .post(chat.community.id, try ChannelName("general"), text: "now here")
            ])
        // With no community left at all, nothing is posted either.
        let none = chat.handle(.communitiesChanged([]))
        #expect(Harness.shown(none).last?.contains("/community create NAME") == true)
        #expect(Harness.requests(chat.handle(.typed("into the void"))).isEmpty)
    }

    @Test("/help describes every /community action")
    func help() throws {
        var chat = try started()
        let lines = Harness.shown(chat.handle(.typed("/help community")))
        #expect(
            lines == [
                "-- /community list|switch NAME|create NAME|join CODE|leave NAME|invite [NAME]: "
                    + "list communities, switch to one, create, join or leave one, print an "
                    + "invite code"
            ])
    }
}
