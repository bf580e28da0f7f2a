import Foundation
import KithControl
import KithCore
import KithStorage
import KithSystem
import Testing

@testable import KithNode

/// `block`, `hide`, `unblock` and `blocked` over the control socket, and the list files.
@Suite("Control socket: block, unblock, blocked", .serialized)
struct ControlBlockTests {
    /// Starts a node in `home` whose block list is `<home>/blocked`.
    func startNode(home: String, configure: (inout NodeConfiguration) -> Void = { _ in })
        throws -> TestNode
    {
        try TestNode.start(home: home) {
            $0.blockListPath = home + "/blocked"
            $0.hiddenListPath = home + "/hidden"
            configure(&$0)
        }
    }

    /// Nodes A - B - C on loopback (A and C know only B), once B has sessions with both.
    func startLine(in directory: String) async throws -> (TestNode, TestNode, TestNode) {
        let b = try startNode(home: directory + "/b")
        let peerB = { (configuration: inout NodeConfiguration) in
            configuration.discovery.staticPeers = [.loopbackIPv4(port: b.node.discoveryPort)]
        }
        let a = try startNode(home: directory + "/a", configure: peerB)
        let c = try startNode(home: directory + "/c", configure: peerB)
        try await waitUntil("B has sessions with A and C") {
            let withA = await b.hasSession(with: a)
            let withC = await b.hasSession(with: c)
            return withA && withC
        }
        return (a, b, c)
    }

    /// The keys a `block`-family answer lists, in order.
    func keys(_ response: ControlResponse) -> [String] {
        (response.blocked ?? []).map(\.publicKey.hex)
    }

    @Test(
        "block, unblock and blocked answer the sorted list; the file is 0600 and survives a restart"
    )
    func blockOverSocket() async throws {
        try await withTemporaryDirectory { directory in
            let home = directory + "/node"
            let node = try startNode(home: home)
            let first = SigningKey.generate().publicKey
            let second = SigningKey.generate().publicKey
            let sorted = [first.hex, second.hex].sorted()

            #expect(keys(try node.ask(ControlRequestFields(op: "blocked"))) == [])
            let afterFirst = try node.ask(ControlRequestFields(op: "block", author: first.hex))
            #expect(afterFirst.ok)
            #expect(
                afterFirst.blocked == [
                    ControlBlockedAuthor(
                        publicKey: first, fingerprint: first.fingerprint.full, refused: true)
                ])
            #expect(
                keys(try node.ask(ControlRequestFields(op: "block", author: second.hex))) == sorted)
            // Blocking again changes nothing.
            #expect(
                keys(try node.ask(ControlRequestFields(op: "block", author: first.hex))) == sorted)
            #expect(keys(try node.ask(ControlRequestFields(op: "blocked"))) == sorted)

            let attributes = try FileManager.default.attributesOfItem(atPath: home + "/blocked")
            #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
            let text = try String(contentsOfFile: home + "/blocked", encoding: .utf8)
            #expect(text == sorted.map { $0 + "\n" }.joined())

            #expect(
                keys(try node.ask(ControlRequestFields(op: "unblock", author: second.hex))) == [
                    first.hex
                ]
            )
            #expect(await node.stop() == nil)

            let restarted = try startNode(home: home)
            #expect(keys(try restarted.ask(ControlRequestFields(op: "blocked"))) == [first.hex])
            #expect(await restarted.stop() == nil)
        }
    }

    @Test("bad authors and the node's own key are refused, changing nothing")
    func refusedRequests() async throws {
        try await withTemporaryDirectory { directory in
            let node = try startNode(home: directory + "/node")
            for request in [
                ControlRequestFields(op: "block"),
                ControlRequestFields(op: "block", author: "3f2a9c01"),
                ControlRequestFields(op: "unblock", author: String(repeating: "g", count: 64)),
                ControlRequestFields(op: "block", author: node.key.publicKey.hex),
            ] {
                let answer = try node.ask(request)
                #expect(!answer.ok)
                #expect(answer.error?.hasPrefix(request.op + ":") == true)
            }
            #expect(keys(try node.ask(ControlRequestFields(op: "blocked"))) == [])
            #expect(!FileManager.default.fileExists(atPath: node.home + "/blocked"))
            #expect(await node.stop() == nil)
        }
    }

    @Test("a malformed block list stops the node from starting, naming the line")
    func malformedFileRefusesStart() async throws {
        try await withTemporaryDirectory { directory in
            let home = directory + "/node"
            try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
            let key = SigningKey.generate().publicKey
            try Data("# mine\n\(key.hex) ok\nnot a key\n".utf8).write(
                to: URL(fileURLWithPath: home + "/blocked"))
            do {
                let node = try startNode(home: home)
                _ = await node.stop()
                Issue.record("the node started with a malformed block list")
            } catch let error as NodeError {
                guard case .blockList = error else {
                    Issue.record("unexpected error \(error)")
                    return
                }
                #expect(error.description.contains("line 3"))
                #expect(error.description.contains(home + "/blocked"))
            }
        }
    }

    @Test("in a line A-B-C on loopback, B blocking A keeps A's new posts from B and C")
    func threeNodesOnLoopback() async throws {
        try await withTemporaryDirectory { directory in
            let (a, b, c) = try await startLine(in: directory)
            _ = try await a.node.post("before the block", channel: .general)
            try await waitUntil("A's first post crossed B to C") {
                c.events.deliveredTexts.contains("before the block")
            }
            let blocked = try b.ask(ControlRequestFields(op: "block", author: a.key.publicKey.hex))
            #expect(keys(blocked) == [a.key.publicKey.hex])

            _ = try await a.node.post("while blocked", channel: .general)
            // Markers that crossed the line both ways after A's post.
            _ = try await c.node.post("marker from C", channel: .general)
            try await waitUntil("C's marker reached A through B") {
                a.events.deliveredTexts.contains("marker from C")
            }
            _ = try await b.node.post("marker from B", channel: .general)
            try await waitUntil("B's marker reached C") {
                c.events.deliveredTexts.contains("marker from B")
            }
            #expect(!b.events.deliveredTexts.contains("while blocked"))
            #expect(!c.events.deliveredTexts.contains("while blocked"))
            #expect(await b.hasSession(with: a))

            // Unblocking: B asks for A's chain again and relays it to C.
            let unblocked = try b.ask(
                ControlRequestFields(op: "unblock", author: a.key.publicKey.hex))
            #expect(keys(unblocked) == [])
            try await waitUntil("A's post made while blocked reached C after the unblock") {
                c.events.deliveredTexts.contains("while blocked")
            }
            #expect(await a.stop() == nil)
            #expect(await b.stop() == nil)
            #expect(await c.stop() == nil)
        }
    }

    @Test("hide and block move an author between the lists; blocked says which; both files kept")
    func hideAndBlock() async throws {
        try await withTemporaryDirectory { directory in
            let home = directory + "/node"
            let node = try startNode(home: home)
            let author = SigningKey.generate().publicKey
            let hidden = try node.ask(ControlRequestFields(op: "hide", author: author.hex))
            #expect(hidden.blocked?.map(\.refused) == [false])
            #expect(FileManager.default.fileExists(atPath: home + "/hidden"))
            let blocked = try node.ask(ControlRequestFields(op: "block", author: author.hex))
            #expect(blocked.blocked?.map(\.refused) == [true])
            let hiddenAgain = try node.ask(ControlRequestFields(op: "hide", author: author.hex))
            #expect(hiddenAgain.blocked?.map(\.refused) == [false])
            #expect(await node.stop() == nil)
            // Both lists survive a restart.
            let restarted = try startNode(home: home)
            #expect(
                try restarted.ask(ControlRequestFields(op: "blocked")).blocked?.map(\.publicKey.hex)
                    == [author.hex])
            #expect(
                keys(try restarted.ask(ControlRequestFields(op: "unblock", author: author.hex)))
                    == [])
            #expect(await restarted.stop() == nil)
        }
    }

    @Test("in a line A-B-C on loopback, B hiding A still relays A's posts to C, and hides them")
    func hidingStillRelays() async throws {
        try await withTemporaryDirectory { directory in
            let (a, b, c) = try await startLine(in: directory)
            let hidden = try b.ask(ControlRequestFields(op: "hide", author: a.key.publicKey.hex))
            #expect(hidden.blocked?.first?.refused == false)
            _ = try await a.node.post("while hidden", channel: .general)
            try await waitUntil("A's post crossed B to C") {
                c.events.deliveredTexts.contains("while hidden")
            }
            // B holds it (it relayed it) but leaves it out of what its user is shown.
            #expect(b.events.deliveredTexts.contains("while hidden"))
            let history = try b.ask(ControlRequestFields(op: "history"))
            #expect(history.entries?.contains { $0.author == a.key.publicKey.hex } == false)
            #expect(await a.stop() == nil)
            #expect(await b.stop() == nil)
            #expect(await c.stop() == nil)
        }
    }
}
