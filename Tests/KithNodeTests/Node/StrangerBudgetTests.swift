import Foundation
import KithControl
import KithCore
import KithMesh
import KithStorage
import KithSystem
import KithTestSupport
import Testing

@testable import KithNode

/// A stranger in the open lobby pushes entries nobody asked for, as fast as loopback takes them
/// (replication.md, "Strangers"): the node stays up, takes no more than its budgets, and a friend
/// met in a closed community keeps flowing.
@Suite("Node: a stranger's flood in the lobby")
struct StrangerBudgetTests {
    static let newAuthors = 3_000
    static let longChain: UInt64 = 2_000

    /// Entries signed ahead: one entry each of `newAuthors` fresh authors, and one author's
    /// chain of `longChain` entries of about 12 KB (12 units each: 24,000 in all, more than a
    /// session's burst).
    static func flood() throws -> (fresh: [Entry], long: [Entry], longAuthor: PublicKey) {
        let fresh = try freshAuthors(newAuthors)
        let author = SigningKey.generate()
        var long: [Entry] = []
        var previous = EntryID.zero
        let text = String(repeating: "spam ", count: 2_400)
        for sequence in 1...longChain {
            let post = try Post(channel: .general, text: text)
            let entry = try Entry.sign(
                community: DefaultCommunity.id, sequence: sequence, previous: previous,
                timestamp: 0, contentType: .post, content: post.encoded(), with: author)
            long.append(entry)
            previous = entry.id
        }
        return (fresh, long, author.publicKey)
    }

    /// One post in the lobby by each of `count` fresh authors.
    static func freshAuthors(_ count: Int) throws -> [Entry] {
        try (0..<count).map { index in
            let post = try Post(channel: .general, text: "new author \(index)")
            return try Entry.sign(
                community: DefaultCommunity.id, sequence: 1, previous: .zero, timestamp: 0,
                contentType: .post, content: post.encoded(), with: .generate())
        }
    }

    /// Runs `body` on a thread of its own (it blocks on a socket), off the cooperative pool.
    static func onThread(_ body: @escaping @Sendable () throws -> Void) async throws {
        try await withCheckedThrowingContinuation {
            (continuation: CheckedContinuation<Void, any Error>) in
            Thread {
                do {
                    try body()
                    continuation.resume()
                } catch {
                    continuation.resume(throwing: error)
                }
            }.start()
        }
    }

    @Test("the node stays up, stores within its budgets, and a friend's posts still arrive")
    func floodWithinBudgets() async throws {
        let closed = CommunityKey.generate()
        let flood = try Self.flood()
        try await withTemporaryDirectory { directory in
            let (victim, friend) = try Self.startVictimAndFriend(
                victimHome: directory + "/victim", friendHome: directory + "/friend", closed: closed
            )
            try await Self.meet(friend, in: closed, by: victim)

            let started = ContinuousClock.now
            // One session pushes the long chain, another the new authors.
            let spam = Task { try await Self.push([flood.long, flood.fresh], to: victim) }
            var sent: [String] = []
            for index in 1...20 {
                let text = "friend in the lobby \(index)"
                _ = try await friend.node.post(text, channel: .general)
                sent.append(text)
            }
            try await spam.value
            try await waitUntil("every post of the friend reached the victim") {
                let delivered = Set(victim.events.deliveredTexts)
                return sent.allSatisfy(delivered.contains)
            }
            let status = try await victim.node.status()
            #expect(status.traffic.entriesOverBudget > 0)
            let elapsed = ContinuousClock.now - started
            #expect(await victim.stop() == nil, "the node never stopped on its own")
            #expect(await friend.stop() == nil)

            // What the stranger got stored is within the budgets of replication.md.
            let store = try EntryStore.open(directory: directory + "/victim")
            let lobby = store.clock(of: DefaultCommunity.id)
            let freshAuthors = Set(flood.fresh.map(\.author))
            let admitted = lobby.keys.filter(freshAuthors.contains).count
            let minutes = Double(elapsed.components.seconds + 1) / 60
            #expect(admitted <= 200 + Int((30 * minutes).rounded(.up)) + 1)
            #expect(admitted < Self.newAuthors)
            let units = 12 * Int(lobby[flood.longAuthor] ?? 0)
            #expect(units <= 20_000 + 1_000 * Int(elapsed.components.seconds + 1))
            try store.close()
        }
    }

    @Test("a stranger's entries over budget are decoded a few per turn, so others wait little")
    func overBudgetFramesPerTurn() async throws {
        let fresh = try Self.freshAuthors(2_000)
        try await withTemporaryDirectory { directory in
            let victim = try TestNode.start(home: directory + "/victim")
            let before = try await victim.node.status()
            // All frames in one write, so the node finds its input buffer full at each read.
            let port = victim.node.sessionPort
            let victimKey = victim.key.publicKey
            let identity = SigningKey.generate()
            try await Self.onThread {
                let stranger = try StrangerSession(
                    port: port, responder: victimKey, community: DefaultCommunity.key,
                    identity: identity)
                try stranger.send(fresh.map { .entry($0.bytes) })
                try stranger.finish()
            }
            try await victim.waitUntilDecoded(everythingFrom: [identity.publicKey])
            let status = try await victim.node.status()
            let dropped = status.traffic.entriesOverBudget
            #expect(dropped >= 1_500)
            let turns = try #require(status.loop).turns - (try #require(before.loop).turns)
            #expect(turns >= UInt64(dropped / FrameTurnBudget.framesWithoutEntry))
            #expect(await victim.stop() == nil)
        }
    }

    @Test("below the strangers' reserve, strangers' entries are refused and a friend still flows")
    func strangersRefusedForRoom() async throws {
        let closed = CommunityKey.generate()
        let flood = try Self.flood()
        try await withTemporaryDirectory { directory in
            let (victim, friend) = try Self.startVictimAndFriend(
                victimHome: directory + "/victim", friendHome: directory + "/friend", closed: closed
            ) {
                $0.availableSpace = { _ in 100 << 20 }  // Above the reserve, below the strangers'.
            }
            try await waitUntil("the victim says it refuses strangers") {
                try await victim.node.status().storage.condition == .strangersRefused
            }
            try await Self.meet(friend, in: closed, by: victim)
            try await Self.push([Array(flood.fresh.prefix(500))], to: victim)
            _ = try await friend.node.post("the friend, in the lobby", channel: .general)
            try await waitUntil("the friend's lobby post reached the victim") {
                victim.events.deliveredTexts.contains("the friend, in the lobby")
            }
            let status = try await victim.node.status()
            #expect(status.traffic.entriesOverBudget == 500)
            #expect(!victim.events.deliveredTexts.contains { $0.hasPrefix("new author") })
            #expect(await victim.stop() == nil)
            #expect(await friend.stop() == nil)
        }
    }
}

extension StrangerBudgetTests {
    @Test(
        "a stranger floods a node whose home is a small tmpfs: it stays up, says so, a friend flows",
        .enabled(if: SmallFileSystem.isAvailable, "needs root to mount a small tmpfs"))
    func floodOnSmallDisk() async throws {
        let closed = CommunityKey.generate()
        let flood = try Self.flood()
        try await withTemporaryDirectory { directory in
            let small = try SmallFileSystem.mount(at: directory + "/small", size: "40m")
            defer { small.unmount() }
            // Reserves scaled to the small disk: 8 MiB for everyone, 24 MiB kept for friends.
            let (victim, friend) = try Self.startVictimAndFriend(
                victimHome: small.path + "/victim", friendHome: directory + "/friend",
                closed: closed
            ) {
                $0.diskReserve = 8 << 20
                $0.strangerReserve = 24 << 20
            }
            try await Self.meet(friend, in: closed, by: victim)
            // One session pushes the long chain, another the new authors.
            try await Self.push([flood.long, flood.fresh], to: victim)
            try await waitUntil("the victim says it keeps its room for people it knows") {
                try await victim.node.status().storage.condition == .strangersRefused
            }
            var sent: [String] = []
            for index in 1...10 {
                let text = "friend on a filling disk \(index)"
                _ = try await friend.node.post(text, channel: .general)
                sent.append(text)
            }
            try await waitUntil("every post of the friend reached the victim") {
                let delivered = Set(victim.events.deliveredTexts)
                return sent.allSatisfy(delivered.contains)
            }
            let status = try await victim.node.status()
            #expect(status.traffic.entriesOverBudget > 0)
            #expect(status.storage.availableBytes.map { $0 >= 8 << 20 } ?? false)
            #expect(await victim.stop() == nil, "the node never stopped on its own")
            #expect(await friend.stop() == nil)
            let store = try EntryStore.open(directory: small.path + "/victim")
            let friendChain = ChainKey(author: friend.key.publicKey, community: DefaultCommunity.id)
            #expect((store.state(of: friendChain)?.headSequence ?? 0) >= 10)
            try store.close()
        }
    }
}

extension StrangerBudgetTests {
    /// Starts the victim (its home at `victimHome`, `configure` applied) and a friend who dials
    /// it, both in the lobby and in `closed`.
    static func startVictimAndFriend(
        victimHome: String, friendHome: String, closed: CommunityKey,
        configure: (inout NodeConfiguration) -> Void = { _ in }
    ) throws -> (victim: TestNode, friend: TestNode) {
        let victim = try TestNode.start(home: victimHome) {
            $0.communities = [DefaultCommunity.key, closed]
            configure(&$0)
        }
        let friend = try TestNode.start(home: friendHome) {
            $0.communities = [DefaultCommunity.key, closed]
            $0.discovery.staticPeers = [.loopbackIPv4(port: victim.node.discoveryPort)]
        }
        return (victim, friend)
    }

    /// The friend posts in the closed community and waits until `victim` holds it: from then on
    /// the victim knows the friend, who is no stranger in the lobby either.
    static func meet(_ friend: TestNode, in closed: CommunityKey, by victim: TestNode) async throws
    {
        let hello = try Post(channel: .general, text: "hello from the closed room")
        _ = try await friend.node.publish(
            contentType: .post, content: hello.encoded(), in: closed.id)
        try await waitUntil("the victim holds the friend's closed-room post") {
            victim.events.deliveredTexts.contains("hello from the closed room")
        }
    }

    /// Pushes each batch of `batches` at `victim` from a stranger session of its own, one after
    /// the other, on a thread (the sessions block on their sockets), then waits until the victim
    /// has decoded all of it.
    static func push(_ batches: [[Entry]], to victim: TestNode) async throws {
        let strangers = batches.map { _ in SigningKey.generate() }
        let port = victim.node.sessionPort
        let victimKey = victim.key.publicKey
        try await onThread {
            for (entries, identity) in zip(batches, strangers) {
                let stranger = try StrangerSession(
                    port: port, responder: victimKey, community: DefaultCommunity.key,
                    identity: identity)
                for entry in entries { try stranger.send(.entry(entry.bytes)) }
                try stranger.finish()
            }
        }
        try await victim.waitUntilDecoded(everythingFrom: strangers.map(\.publicKey))
    }
}

extension TestNode {
    /// Waits until the node has decoded every frame the stranger sessions of `keys` sent, once
    /// they closed their connections: it keeps a session whose peer closed until every complete
    /// frame is decoded. (Each session was established before its stranger sent anything.)
    func waitUntilDecoded(everythingFrom keys: [PublicKey]) async throws {
        let hex = Set(keys.map(\.hex))
        try await waitUntil("the node decoded all the strangers sent and closed their sessions") {
            try await !node.status().peers.contains {
                hex.contains($0.publicKey) && $0.session == "established"
            }
        }
    }
}
