import Foundation
import KithControl
import KithCore
import KithMesh
import KithStorage
import KithSystem
import Testing

@testable import KithNode

/// `communities_reload` (Protocol/control.md): a running node follows its community book at
/// once, replicating a community joined with a peer that has it, and no longer one left.
@Suite("Communities joined and left while running", .serialized)
struct CommunityReloadTests {
    /// Posts `text` to `#general` of `community` on `node`.
    private func post(_ text: String, in community: CommunityKey, on node: TestNode) async throws
        -> Entry
    {
        let post = try Post(channel: .general, text: text)
        return try await node.node.publish(
            contentType: .post, content: post.encoded(), in: community.id)
    }

    /// Sends `communities_reload` to `node`.
    private func reload(_ node: TestNode) throws -> ControlResponse {
        try ControlClient.send(
            ControlRequestFields(op: "communities_reload"), socketPath: node.home + "/control.sock")
    }

    /// The communities (hex ids) `node` shares with `other` in their session, if one is open.
    private func shared(by node: TestNode, with other: TestNode) async -> [String]? {
        guard let status = try? await node.node.status(),
            let peer = status.peers.first(where: {
                $0.publicKey == other.key.publicKey.hex && $0.session == "established"
            })
        else { return nil }
        return peer.communities
    }

    /// Bob in `bobCommunities`, alice in lobby with bob as a static peer, both keeping their
    /// community book in their home; returns once they have a session over lobby.
    private func startPair(in directory: String, bobCommunities: [CommunityKey]) async throws
        -> (alice: TestNode, bob: TestNode)
    {
        let bob = try TestNode.start(home: directory + "/bob") {
            $0.communities = bobCommunities
            $0.communityBookPath = directory + "/bob/" + CommunityBook.fileName
        }
        let alice = try TestNode.start(home: directory + "/alice") {
            $0.discovery.staticPeers = [.loopbackIPv4(port: bob.node.discoveryPort)]
            $0.communityBookPath = directory + "/alice/" + CommunityBook.fileName
        }
        try await waitUntil("a session over lobby") {
            await shared(by: alice, with: bob) == [DefaultCommunity.id.hex]
        }
        return (alice, bob)
    }

    @Test("a community joined via control replicates with a peer that has it; leaving stops it")
    func joinThenLeave() async throws {
        try await withTemporaryDirectory { directory in
            let garden = CommunityKey.generate()
            let lobby = DefaultCommunity.key
            let (alice, bob) = try await startPair(
                in: directory, bobCommunities: [lobby, garden])
            let before = try await post("garden before alice", in: garden, on: bob)

            // Join: the book first (as `kith community join` writes it), then the node follows.
            let book = CommunityBook(home: alice.home)
            try book.join(CommunityMembership(name: "garden", key: garden))
            let joined = try reload(alice)
            #expect(joined.ok)
            #expect(joined.joined == [garden.id.hex])
            #expect(joined.communities == [lobby.id.hex, garden.id.hex])
            try await waitUntil("bob's garden post reached alice") {
                alice.events.deliveredTexts.contains("garden before alice")
            }
            #expect(await shared(by: alice, with: bob)?.contains(garden.id.hex) == true)
            _ = try await post("garden live", in: garden, on: bob)
            try await waitUntil("a live garden post reached alice") {
                alice.events.deliveredTexts.contains("garden live")
            }
            // A reload with nothing changed changes nothing.
            let again = try reload(alice)
            #expect(again.ok && again.joined == [] && again.left == [])

            // Leave: garden is no longer replicated; lobby goes on over a new session.
            try book.leave(id: garden.id)
            let left = try reload(alice)
            #expect(left.left == [garden.id.hex])
            #expect(left.communities == [lobby.id.hex])
            try await waitUntil("a session again, over lobby only") {
                await shared(by: alice, with: bob) == [lobby.id.hex]
            }
            let after = try await post("garden after alice left", in: garden, on: bob)
            _ = try await bob.node.post("lobby after alice left", channel: .general)
            try await waitUntil("the lobby post reached alice") {
                alice.events.deliveredTexts.contains("lobby after alice left")
            }
            #expect(!alice.events.deliveredTexts.contains("garden after alice left"))
            // Alice cannot post in garden any more, by the node or by control.
            await #expect(throws: NodeError.self) {
                _ = try await post("nope", in: garden, on: alice)
            }
            let refused = try ControlClient.send(
                ControlRequestFields(op: "post", community: garden.id.hex, text: "nope"),
                socketPath: alice.home + "/control.sock")
            #expect(!refused.ok)

            #expect(await alice.stop() == nil)
            #expect(await bob.stop() == nil)
            let store = try EntryStore.open(directory: alice.home)
            #expect(try store.entry(before.id) == before)
            #expect(try store.entry(after.id) == nil)
            try store.close()
        }
    }

    @Test("when both join one after the other, a beacon in it reopens their session to share it")
    func bothJoinWhileConnected() async throws {
        try await withTemporaryDirectory { directory in
            let garden = CommunityKey.generate()
            let lobby = DefaultCommunity.key
            let (alice, bob) = try await startPair(in: directory, bobCommunities: [lobby])
            // Alice joins first: bob gave no proof of garden, so the session stays as it is.
            try CommunityBook(home: alice.home).join(
                CommunityMembership(name: "garden", key: garden))
            #expect(try reload(alice).joined == [garden.id.hex])
            // Bob joins next: alice's proofs predate her join, but her beacons in garden show it.
            try CommunityBook(home: bob.home).join(
                CommunityMembership(name: "our garden", key: garden))
            #expect(try reload(bob).joined == [garden.id.hex])
            try await waitUntil("the session shares garden") {
                await shared(by: alice, with: bob)?.contains(garden.id.hex) == true
            }
            _ = try await post("garden from bob", in: garden, on: bob)
            try await waitUntil("bob's garden post reached alice") {
                alice.events.deliveredTexts.contains("garden from bob")
            }
            #expect(await alice.stop() == nil)
            #expect(await bob.stop() == nil)
        }
    }

    @Test("a node without a community book refuses the reload; an unreadable book changes nothing")
    func refusals() async throws {
        try await withTemporaryDirectory { directory in
            let plain = try TestNode.start(home: directory + "/plain")
            let response = try reload(plain)
            #expect(!response.ok)
            #expect(response.error == "this node keeps no community book")

            let bookPath = directory + "/booked/" + CommunityBook.fileName
            let booked = try TestNode.start(home: directory + "/booked") {
                $0.communityBookPath = bookPath
            }
            #expect(
                FileManager.default.createFile(
                    atPath: bookPath, contents: Data("not a book\n".utf8),
                    attributes: [.posixPermissions: 0o600]))
            let broken = try reload(booked)
            #expect(!broken.ok)
            #expect(broken.error?.hasPrefix("cannot read the community book") == true)
            let status = try ControlClient.send(
                ControlRequestFields(op: "nick", name: "still"),
                socketPath: booked.home + "/control.sock"
            )
            #expect(status.communities == [DefaultCommunity.id.hex])
            #expect(await plain.stop() == nil)
            #expect(await booked.stop() == nil)
        }
    }

    @Test("a name set before joining follows its user into the community joined")
    func nameFollowsIntoJoinedCommunity() async throws {
        try await withTemporaryDirectory { directory in
            let garden = CommunityKey.generate()
            let alice = try TestNode.start(home: directory + "/alice") {
                $0.communityBookPath = directory + "/alice/" + CommunityBook.fileName
            }
            #expect(try alice.ask(ControlRequestFields(op: "nick", name: "ann")).ok)
            try CommunityBook(home: alice.home).join(
                CommunityMembership(name: "garden", key: garden))
            #expect(try reload(alice).joined == [garden.id.hex])
            let person = try alice.ask(
                ControlRequestFields(
                    op: "people", community: garden.id.hex, author: alice.key.publicKey.hex))
            #expect(person.people?.first?.displayName == "ann", "\(person)")
            #expect(await alice.stop() == nil)
        }
    }
}
