import KithControl
import KithCore
import KithStorage
import KithSystem
import Testing

@testable import KithNode

@Suite("Node lifecycle", .serialized)
struct NodeLifecycleTests {
    @Test("a node that cannot bind its port fails to start and releases its store")
    func failedStartReleasesStore() async throws {
        try await withTemporaryDirectory { directory in
            let taken = try Socket.make(.ipv6, .stream)
            defer { taken.close() }
            try taken.setIPv6Only(false)
            try taken.bind(to: .anyIPv6(port: 0))
            try taken.listen()
            let port = try taken.localAddress().port
            let home = directory + "/node"
            let store = try EntryStore.open(directory: home)
            var configuration = NodeConfiguration()
            configuration.sessions.port = port
            configuration.discovery.port = 0
            configuration.discovery.usesMulticast = false
            let node = try Node(
                configuration: configuration, identity: SigningKey.generate(), store: store,
                events: { _ in })
            #expect(throws: NodeError.self) { try node.start() }
            #expect(await node.waitUntilStopped() != nil)
            await #expect(throws: NodeError.self) { try await node.status() }
            // The log's lock was released: the store opens again.
            let reopened = try EntryStore.open(directory: home)
            try reopened.close()
        }
    }

    @Test("posting after a stop is refused; the post made before is durable")
    func postsAfterStopAreRefused() async throws {
        try await withTemporaryDirectory { directory in
            let node = try TestNode.start(home: directory + "/node")
            let entry = try await node.node.post("kept", channel: .general)
            #expect(await node.stop() == nil)
            await #expect(throws: NodeError.self) {
                _ = try await node.node.post("too late", channel: .general)
            }
            let store = try EntryStore.open(directory: node.home)
            #expect(try store.entry(entry.id) == entry)
            #expect(store.entryCount == 1)
            try store.close()
        }
    }

    @Test("a post the content rules refuse is an error, and the node keeps running")
    func refusedPost() async throws {
        try await withTemporaryDirectory { directory in
            let node = try TestNode.start(home: directory + "/node")
            await #expect(throws: NodeError.self) {
                _ = try await node.node.post("", channel: .general)
            }
            let status = try await node.node.status()
            #expect(status.entryCount == 0)
            #expect(await node.stop() == nil)
        }
    }
}
