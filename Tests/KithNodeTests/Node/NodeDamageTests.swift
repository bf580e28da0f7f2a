import Foundation
import KithControl
import KithCore
import KithStorage
import Testing

@testable import KithNode

/// A node whose log lost its own entries gets them back from a peer before it signs again.
@Suite("A damaged log and its peers", .serialized)
struct NodeDamageTests {
    @Test(
        "a node that lost its segment refuses to post, takes its chain back from a peer, goes on at #21"
    )
    func chainRestoredFromPeer() async throws {
        try await withTemporaryDirectory { directory in
            let bob = try TestNode.start(home: directory + "/bob")
            let key = SigningKey.generate()
            let configure = { (configuration: inout NodeConfiguration) in
                configuration.discovery.staticPeers = [bob.discoveryAddress]
            }
            var posted: [Entry] = []
            do {
                let alice = try TestNode.start(
                    home: directory + "/alice", key: key, configure: configure)
                try await waitUntil("alice and bob connected") { await alice.hasSession(with: bob) }
                for number in 1...20 {
                    posted.append(try await alice.node.post("post \(number)", channel: .general))
                }
                try await waitUntil("bob holds alice's 20 posts") {
                    (try? await bob.node.status().entryCount) == 20
                }
                #expect(await alice.stop() == nil)
            }
            // The first byte of the segment's magic, as in issue #9.
            let segment = directory + "/alice/log/00000000000000000000.kseg"
            var bytes = try Data(contentsOf: URL(fileURLWithPath: segment))
            bytes[0] ^= 0x4a
            try bytes.write(to: URL(fileURLWithPath: segment))

            // Before its chain is back the node refuses: its log lost what it signed.
            let alice = try TestNode.start(
                home: directory + "/alice", key: key, configure: configure)
            do {
                _ = try await alice.node.post("too early", channel: .general)
                // Restoration was faster than this post: it must then be #21.
            } catch {
                #expect("\(error)".contains("signed up to #20"), "\(error)")
            }
            try await waitUntil("alice took her chain back from bob") {
                (try? await alice.node.status().entryCount) ?? 0 >= 20
            }
            let next = try await alice.node.post("after the restoration", channel: .general)
            #expect(next.sequence >= 21)
            if next.sequence == 21 { #expect(next.previous == posted.last?.id) }
            try await waitUntil("bob has the new post") {
                bob.events.deliveredTexts.contains("after the restoration")
            }
            #expect(await alice.stop() == nil)
            #expect(await bob.stop() == nil)
            // Bob saw no fork of alice's chain.
            let store = try EntryStore.open(directory: directory + "/bob")
            let chain = ChainKey(author: key.publicKey, community: DefaultCommunity.id)
            #expect(store.state(of: chain)?.forkOrdinal == nil)
            #expect(store.state(of: chain)?.headSequence == next.sequence)
            try store.close()
        }
    }
}
