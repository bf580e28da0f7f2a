import KithCore

/// The node's own clock of one community: for each chain its log holds, the head sequence.
/// Authors keep the order in which the node learned them, so what is built from the clock
/// (clock messages, catch-up order) does not depend on hashing.
struct LocalClock: Sendable {
    /// Every chain, in the order the node learned it.
    private(set) var items: [ClockItem] = []
    /// Where each author's item is in `items`.
    private var positions: [PublicKey: Int] = [:]
    /// The digest of every chain held (replication.md, "Digests"), kept as heads move.
    private(set) var digest = ClockDigest()

    /// The clock holding `items`; an author listed twice keeps its higher sequence, and chains at
    /// sequence 0 are left out.
    init(_ items: [ClockItem]) {
        self.items.reserveCapacity(items.count)
        positions.reserveCapacity(items.count)
        for item in items { advance(item.author, to: item.sequence) }
    }

    /// The number of chains held.
    var count: Int { items.count }

    /// Whether the node holds any of `author`'s chain.
    func knows(_ author: PublicKey) -> Bool { positions[author] != nil }

    /// The head sequence of `author`'s chain, 0 when the node holds none of it.
    subscript(author: PublicKey) -> UInt64 {
        positions[author].map { items[$0].sequence } ?? 0
    }

    /// Raises `author`'s head to `sequence`; a lower or equal sequence changes nothing.
    mutating func advance(_ author: PublicKey, to sequence: UInt64) {
        guard sequence > 0 else { return }
        if let position = positions[author] {
            let old = items[position].sequence
            guard sequence > old else { return }
            items[position].sequence = sequence
            digest.remove(author: author, sequence: old)
        } else {
            positions[author] = items.count
            items.append(ClockItem(author: author, sequence: sequence))
        }
        digest.insert(author: author, sequence: sequence)
    }

    /// The chains whose authors fall into digest bucket `bucket`, in the clock's order.
    func items(inBucket bucket: Int) -> [ClockItem] {
        items.filter { ClockDigest.bucket(of: $0.author) == bucket }
    }

    /// The `clock` messages that announce this clock in `community`: every message but the last
    /// holds 1,024 chains and the last fewer, possibly none, so the receiver knows it has all.
    func messages(community: CommunityID) -> [ReplicationMessage] {
        Self.messages(items, community: community)
    }

    /// The `clock` messages that announce the complete clock `items` in `community`, split as
    /// ``messages(community:)`` says.
    static func messages(_ items: [ClockItem], community: CommunityID) -> [ReplicationMessage] {
        let chunk = ReplicationLimits.maxClockChains
        var messages: [ReplicationMessage] = []
        var start = 0
        while start + chunk <= items.count {
            messages.append(
                .clock(community: community, chains: Array(items[start..<start + chunk])))
            start += chunk
        }
        messages.append(.clock(community: community, chains: Array(items[start...])))
        return messages
    }

    /// `clock` messages of at most 1,024 items holding `items`, none when there are none: a partial
    /// clock (a note, a request, an answer), whose last message need not be short.
    static func partialMessages(_ items: [ClockItem], community: CommunityID)
        -> [ReplicationMessage]
    {
        let chunk = ReplicationLimits.maxClockChains
        return stride(from: 0, to: items.count, by: chunk).map { start in
            .clock(
                community: community,
                chains: Array(items[start..<min(items.count, start + chunk)]))
        }
    }
}
