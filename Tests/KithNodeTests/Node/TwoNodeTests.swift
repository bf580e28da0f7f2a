import Foundation
import KithControl
import KithCore
import KithMesh
import KithStorage
import KithSystem
import Testing

@testable import KithNode

/// Two nodes in this process, on the loopback interface only, in temporary homes.
@Suite("Two nodes on loopback", .serialized)
struct TwoNodeTests {
    @Test("static peers find each other by unicast beacons and exchange posts both ways")
    func staticPeersExchangePosts() async throws {
        try await withTemporaryDirectory { directory in
            let bob = try TestNode.start(home: directory + "/bob")
            let alice = try TestNode.start(home: directory + "/alice") {
                $0.discovery.staticPeers = [.loopbackIPv4(port: bob.node.discoveryPort)]
            }
            try await waitUntil("a session in both directions of the pair") {
                let aliceSees = await alice.hasSession(with: bob)
                let bobSees = await bob.hasSession(with: alice)
                return aliceSees && bobSees
            }
            let fromAlice = try await alice.node.post("hello from alice", channel: .general)
            let fromBob = try await bob.node.post("hello from bob", channel: .general)
            try await waitUntil("each post reached the other node") {
                bob.events.deliveredTexts.contains("hello from alice")
                    && alice.events.deliveredTexts.contains("hello from bob")
            }
            #expect(await alice.stop() == nil)
            #expect(await bob.stop() == nil)

            // Nothing was lost: both logs hold both posts after a clean stop.
            for home in [alice.home, bob.home] {
                let store = try EntryStore.open(directory: home)
                #expect(try store.entry(fromAlice.id) == fromAlice)
                #expect(try store.entry(fromBob.id) == fromBob)
                try store.close()
            }
        }
    }

    @Test("entries posted before the session are caught up, then a live post follows")
    func catchesUpThenGoesLive() async throws {
        try await withTemporaryDirectory { directory in
            let bob = try TestNode.start(home: directory + "/bob")
            var earlier: [Entry] = []
            for number in 1...40 {
                earlier.append(try await bob.node.post("old \(number)", channel: .general))
            }
            let alice = try TestNode.start(home: directory + "/alice") {
                $0.discovery.staticPeers = [.loopbackIPv4(port: bob.node.discoveryPort)]
            }
            try await waitUntil("alice received bob's history") {
                alice.events.deliveredTexts.filter { $0.hasPrefix("old ") }.count == 40
            }
            #expect(
                alice.events.deliveredTexts.filter { $0.hasPrefix("old ") }
                    == (1...40).map { "old \($0)" })
            _ = try await bob.node.post("new", channel: .general)
            try await waitUntil("the live post arrived") {
                alice.events.deliveredTexts.last == "new"
            }
            let status = try await alice.node.status()
            #expect(status.entryCount == 41)
            #expect(await alice.stop() == nil)
            #expect(await bob.stop() == nil)
        }
    }

    @Test(
        "a session carries more than its output credit: 2,000 posts and a later one all arrive"
    )
    func sessionNeverRunsOutOfCredit() async throws {
        try await withTemporaryDirectory { directory in
            let bob = try TestNode.start(home: directory + "/bob")
            let alice = try TestNode.start(home: directory + "/alice") {
                $0.discovery.staticPeers = [.loopbackIPv4(port: bob.node.discoveryPort)]
            }
            try await waitUntil("a session in both directions of the pair") {
                let aliceSees = await alice.hasSession(with: bob)
                let bobSees = await bob.hasSession(with: alice)
                return aliceSees && bobSees
            }
            // About 500 KB of frames: twice the credit the engine is first given. The socket
            // takes each frame at once, so the output buffer never fills.
            let text = String(repeating: "x", count: 200)
            for number in 1...2_000 {
                _ = try await bob.node.post("\(number) \(text)", channel: .general)
            }
            try await waitUntil("alice holds all 2,000 posts") {
                (try? await alice.node.status().entryCount) == 2_000
            }
            _ = try await bob.node.post("after the burst", channel: .general)
            try await waitUntil("the later post arrived") {
                alice.events.deliveredTexts.last == "after the burst"
            }
            // One session (both may have dialed: the duplicate rule kept one), and each entry
            // received and checked once.
            let traffic = try await alice.node.status().traffic
            #expect(traffic.entryCopiesReceived == 2_001)
            #expect(traffic.signaturesChecked == 2_001)
            #expect(traffic.sessionsOpened - traffic.sessionsClosed == 1)
            #expect(traffic.sessionBytesReceived > 2_001 * 200)
            #expect(await alice.stop() == nil)
            #expect(await bob.stop() == nil)
        }
    }

    @Test("multicast beacons on lo alone connect two nodes sharing a discovery port")
    func multicastOnLoopback() async throws {
        try await withTemporaryDirectory { directory in
            // A random port, so that no other node of this host is heard.
            let port = UInt16.random(in: 40_000...60_000)
            let configure = { (configuration: inout NodeConfiguration) in
                configuration.discovery.port = port
                configuration.discovery.usesMulticast = true
            }
            let alice = try TestNode.start(home: directory + "/alice", configure: configure)
            let bob = try TestNode.start(home: directory + "/bob", configure: configure)
            try await waitUntil("the nodes connected through multicast on lo") {
                let aliceSees = await alice.hasSession(with: bob)
                let bobSees = await bob.hasSession(with: alice)
                return aliceSees && bobSees
            }
            let status = try await alice.node.status()
            #expect(status.links == ["lo IPv4"])
            #expect(status.discoveryPort == port)
            _ = try await alice.node.post("over multicast", channel: .general)
            try await waitUntil("the post arrived") {
                bob.events.deliveredTexts.contains("over multicast")
            }
            // One session per pair: neither node keeps a second one.
            try await waitUntil("no connection but the kept session is left") {
                let alicePeers = (try? await alice.node.status().peers) ?? []
                return alicePeers.count == 1 && alicePeers.first?.session == "established"
            }
            #expect(await alice.stop() == nil)
            #expect(await bob.stop() == nil)
        }
    }
}
