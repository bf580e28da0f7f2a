import KithControl
import KithCore
import KithStorage
import Testing

@testable import KithNode

@Suite("Control socket: people", .serialized)
struct ControlPeopleTests {
    @Test("a new node lists only itself, with no entries and not online")
    func newNodeListsItself() async throws {
        try await withTemporaryDirectory { directory in
            let node = try TestNode.start(home: directory + "/node")
            let answer = try node.ask(ControlRequestFields(op: "people"))
            #expect(answer.ok)
            let people = try #require(answer.people)
            #expect(people.count == 1)
            let itself = try #require(people.first)
            #expect(itself.publicKey == node.key.publicKey)
            #expect(itself.fingerprint == node.key.publicKey.fingerprint.full)
            #expect(itself.own)
            #expect(!itself.online)
            #expect(itself.headSequence == 0)
            #expect(itself.displayName == nil)
            #expect(itself.firstTimestamp == nil)
            #expect(itself.lastTimestamp == nil)
            let unknown = try node.ask(ControlRequestFields(op: "people", community: "not-an-id"))
            #expect(!unknown.ok)
            #expect(unknown.people == nil)
            #expect(await node.stop() == nil)
        }
    }

    @Test("the node's own chain gives its name, head and first and last timestamps")
    func ownChain() async throws {
        try await withTemporaryDirectory { directory in
            let node = try TestNode.start(home: directory + "/node")
            #expect(try node.ask(ControlRequestFields(op: "nick", name: "alice")).ok)
            let post = try await node.node.post("hello", channel: .general)
            let itself = try #require(
                try node.ask(ControlRequestFields(op: "people")).people?.first)
            #expect(itself.displayName == "alice")
            #expect(itself.headSequence == 2)
            #expect(itself.lastTimestamp == post.timestamp)
            #expect(await node.stop() == nil)

            let store = try EntryStore.open(directory: node.home)
            defer { try? store.close() }
            let chain = ChainKey(author: node.key.publicKey, community: DefaultCommunity.id)
            let first = try #require(try store.entries(of: chain, from: 1, limit: 1).first)
            #expect(itself.firstTimestamp == first.timestamp)
        }
    }

    @Test("two nodes list each other with names, online while their session lasts")
    func twoNodesOnline() async throws {
        try await withTemporaryDirectory { directory in
            let bob = try TestNode.start(home: directory + "/bob")
            let alice = try TestNode.start(home: directory + "/alice") {
                $0.discovery.staticPeers = [bob.discoveryAddress]
            }
            #expect(try alice.ask(ControlRequestFields(op: "nick", name: "alice")).ok)
            let post = try await alice.node.post("hi bob", channel: .general)
            try await waitUntil("bob sees alice online with her two entries") {
                let people = try bob.ask(ControlRequestFields(op: "people")).people ?? []
                return people.contains {
                    $0.publicKey == alice.key.publicKey && $0.online && $0.headSequence == 2
                }
            }
            let people = try #require(try bob.ask(ControlRequestFields(op: "people")).people)
            #expect(
                people.map(\.publicKey.hex)
                    == [alice.key.publicKey.hex, bob.key.publicKey.hex].sorted())
            let seen = try #require(people.first { $0.publicKey == alice.key.publicKey })
            #expect(seen.displayName == "alice")
            #expect(!seen.own)
            #expect(seen.lastTimestamp == post.timestamp)
            #expect(seen.firstTimestamp != nil)
            let itself = try #require(people.first { $0.publicKey == bob.key.publicKey })
            #expect(itself.own)
            #expect(!itself.online)
            #expect(itself.headSequence == 0)
            let online = try bob.ask(ControlRequestFields(op: "people", online: true))
            #expect(online.people?.map(\.publicKey) == people.map(\.publicKey))

            #expect(await alice.stop() == nil)
            try await waitUntil("alice is no longer online for bob, and still listed") {
                let people = try bob.ask(ControlRequestFields(op: "people")).people ?? []
                return people.contains { $0.publicKey == alice.key.publicKey && !$0.online }
            }
            #expect(await bob.stop() == nil)
        }
    }
}
