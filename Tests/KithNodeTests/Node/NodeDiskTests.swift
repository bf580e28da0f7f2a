import Foundation
import KithControl
import KithCore
import KithStorage
import KithTestSupport
import Synchronization
import Testing

@testable import KithNode

#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

/// A full disk is an answer, not an exit (issue #9): the node refuses what it cannot store, says so
/// in its status, and carries on when there is room again.
@Suite("A node and its disk", .serialized)
struct NodeDiskTests {
    /// Free space the test decides.
    final class FreeSpace: Sendable {
        let bytes = Mutex<UInt64>(1 << 40)
        func set(_ value: UInt64) { bytes.withLock { $0 = value } }
        func measure(_ home: String) -> UInt64? { bytes.withLock { $0 } }
    }

    @Test("below the reserve, entries from peers are refused and the node says so; room resumes it")
    func reserve() async throws {
        try await withTemporaryDirectory { directory in
            let bob = try TestNode.start(home: directory + "/bob")
            let space = FreeSpace()
            let alice = try TestNode.start(home: directory + "/alice") {
                $0.discovery.staticPeers = [bob.discoveryAddress]
                $0.availableSpace = { space.measure($0) }
            }
            try await waitUntil("a session") { await alice.hasSession(with: bob) }
            _ = try await bob.node.post("before", channel: .general)
            try await waitUntil("alice has the first post") {
                alice.events.deliveredTexts.contains("before")
            }
            space.set(1 << 20)
            try await waitUntil("alice sees the disk is low") {
                (try? await alice.node.status().storage.condition) == .low
            }
            for number in 1...5 {
                _ = try await bob.node.post("while low \(number)", channel: .general)
            }
            // Alice's own posts still go while the disk takes them.
            _ = try await alice.node.post("mine while low", channel: .general)
            try await waitUntil("bob has alice's post") {
                bob.events.deliveredTexts.contains("mine while low")
            }
            let low = try await alice.node.status()
            #expect(low.entryCount == 2)
            #expect(low.storage.reserveBytes == 64 << 20)
            #expect(low.storage.availableBytes == 1 << 20)
            #expect(!alice.events.deliveredTexts.contains("while low 1"))
            space.set(1 << 40)
            try await waitUntil("alice takes bob's posts once there is room") {
                (try? await alice.node.status().entryCount) == 7
            }
            #expect(try await alice.node.status().storage.condition == .ok)
            #expect(await alice.stop() == nil)
            #expect(await bob.stop() == nil)
        }
    }

    @Test(
        "a full file system: a post is answered with an error, the node keeps running and resumes",
        .enabled(if: SmallFileSystem.isAvailable, "needs root to mount a small tmpfs"))
    func fullFileSystem() async throws {
        try await withTemporaryDirectory { directory in
            let small = try SmallFileSystem.mount(at: directory + "/small", size: "4m")
            defer { small.unmount() }
            let mountPoint = small.path
            // A reserve smaller than the file system, so that only a truly full disk stops writes.
            let node = try TestNode.start(home: mountPoint + "/node") {
                $0.diskReserve = 64 << 10
                $0.strangerReserve = 64 << 10
            }
            _ = try await node.node.post("fits", channel: .general)
            let filler = small.fill()

            var refused = 0
            for number in 1...40 {
                do {
                    _ = try await node.node.post(
                        "too much \(number) " + String(repeating: "x", count: 4_000),
                        channel: .general)
                } catch {
                    refused += 1
                    #expect(
                        "\(error)".contains("disk") || "\(error)".contains("ENOSPC"), "\(error)")
                }
            }
            #expect(refused > 0)
            let full = try await node.node.status()
            #expect(full.storage.condition != .ok)
            // Room again: the node was never stopped, and posts work.
            try FileManager.default.removeItem(atPath: filler)
            try await waitUntil("the node stores again") {
                (try? await node.node.status().storage.condition) == .ok
            }
            let after = try await node.node.post("after the disk had room", channel: .general)
            #expect(after.sequence >= 2)
            #expect(await node.stop() == nil)
            // What was acknowledged is there, in one chain with no hole.
            let store = try EntryStore.open(directory: mountPoint + "/node")
            let chain = ChainKey(author: node.key.publicKey, community: DefaultCommunity.id)
            #expect(store.state(of: chain)?.headSequence == after.sequence)
            #expect(store.openReport.unchainedEntries == 0)
            try store.close()
        }
    }
}
