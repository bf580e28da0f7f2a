import Foundation
import Testing

/// Issue 10, item 1: a community created while a chat runs is seen by the running node and the
/// chat at once; `/community switch` goes there, the prompt says so, and what is typed there
/// reaches the other member of the community and never the lobby.
@Suite(
    "System: a community created while a chat runs",
    .enabled(if: Lab.isAvailable, Lab.skipMessage),
    .enabled(if: KithTools.areBuilt, SystemLab.notBuiltMessage)
)
struct CommunityWhileChattingTests {
    private static let timeout = Duration.seconds(60)

    @Test("kith community create while chatting, /community switch, a post reaching garden only")
    func createSwitchAndPost() async throws {
        try await SystemLab.run { system in
            try await system.lab.addBridge("lan")
            let a = try await system.addHost("a", bridges: ["lan"])
            let b = try await system.addHost("b", bridges: ["lan"])
            let c = try await system.addHost("c", bridges: ["lan"])
            for (node, nick) in [(a, "ann"), (b, "bea"), (c, "cat")] {
                try await node.setNick(nick)
            }
            let chatA = try system.startChatOnTerminal(a)
            defer { chatA.close() }
            try await chatA.waitForScreen(timeout: Self.timeout, "A's lobby prompt") {
                !$0.isInsideSequence && $0.cursorLine == "lobby/#general> "
            }

            // While A's chat (and the node inside it) runs, garden is created in A's home.
            let code = try await a.kith(["community", "create", "garden"])
                .trimmingCharacters(in: .whitespacesAndNewlines)
            try await chatA.waitForScreen(timeout: Self.timeout, "A's chat to tell of garden") {
                $0.allLines.contains {
                    $0.contains("this node joined garden; /community switch garden goes there")
                }
            }
            let gardenID = try Self.communityID(
                named: "garden", in: try await a.kith(["community", "list", "--json"]))

            // B joins garden from the invite code and chats there; C stays in lobby.
            try await b.kith(["community", "join", code])
            try b.startChat(extra: ["--community", "garden"])
            try c.startChat()
            try await system.waitForFullMesh([a, b, c])

            try chatA.type("/community switch garden" + TerminalProcess.Key.enter)
            try await chatA.waitForScreen(timeout: Self.timeout, "A's garden prompt") {
                !$0.isInsideSequence && $0.cursorLine == "garden/#general> "
            }
            // Names are per community: the nick set before garden existed is not set there.
            try chatA.type("/nick ann" + TerminalProcess.Key.enter)
            try chatA.type("hello garden" + TerminalProcess.Key.enter)
            try await system.expectDelivered("hello garden", from: a, nick: "ann", to: [b])

            // Back in lobby, a lobby post reaches C; the garden post never did.
            try chatA.type("/community switch lobby" + TerminalProcess.Key.enter)
            try await chatA.waitForScreen(timeout: Self.timeout, "A's lobby prompt again") {
                !$0.isInsideSequence && $0.cursorLine == "lobby/#general> "
            }
            try chatA.type("back in lobby" + TerminalProcess.Key.enter)
            try await system.expectDelivered("back in lobby", from: a, nick: "ann", to: [c])
            #expect(c.chatLine(showing: "hello garden") == nil, "C showed a garden post")
            #expect(b.chatLine(showing: "back in lobby") == nil, "B's garden chat showed lobby")
            for node in [a, b] {
                let posts = try await node.log().records.filter { $0.text == "hello garden" }
                #expect(
                    posts.count == 1 && posts.allSatisfy { $0.community == gardenID },
                    "\(node.name) holds 'hello garden' once, in garden: \(posts)")
            }
            #expect(try await c.log().records.allSatisfy { $0.text != "hello garden" })

            try chatA.type("/quit" + TerminalProcess.Key.enter)
            #expect(try await chatA.wait(timeout: Self.timeout) == .exited(0))
            try await system.expectCleanStops([b, c])
            try await system.expectSoundLogs([a, b, c])
        }
    }

    /// The id (hex) of the community called `name` in `kith community list --json` output.
    private static func communityID(named name: String, in listing: String) throws -> String {
        for line in listing.split(separator: "\n") {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8))
            if let fields = object as? [String: Any], fields["name"] as? String == name,
                let id = fields["id"] as? String
            {
                return id
            }
        }
        throw SystemTestFailure(summary: "no community called \(name) listed", details: [listing])
    }
}
