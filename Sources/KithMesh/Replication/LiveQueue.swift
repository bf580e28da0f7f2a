import KithCore

/// Live entries waiting for a session's outgoing buffer to have room, oldest first, at most
/// `limit` of them. When it is full a session falls back to catch-up, which reads from the log.
struct LiveQueue: Sendable {
    /// The most entries held.
    let limit: Int
    private var entries: [Entry] = []
    private var head = 0
    /// How many queued entries each chain has, to skip scans for chains with none.
    private var perChain: [ChainKey: Int] = [:]

    /// An empty queue of at most `limit` entries.
    init(limit: Int) {
        self.limit = max(0, limit)
    }

    /// The number of entries waiting.
    var count: Int { entries.count - head }

    /// Adds `entry` at the back; false when the queue is full.
    mutating func append(_ entry: Entry) -> Bool {
        guard count < limit else { return false }
        entries.append(entry)
        perChain[entry.chain, default: 0] += 1
        return true
    }

    /// Takes the oldest entry.
    mutating func popFirst() -> Entry? {
        guard head < entries.count else { return nil }
        let entry = entries[head]
        head += 1
        decrement(entry.chain)
        if head == entries.count {
            entries.removeAll(keepingCapacity: true)
            head = 0
        } else if head >= 64, head * 2 >= entries.count {
            entries.removeFirst(head)
            head = 0
        }
        return entry
    }

    /// Drops the queued entries of `chain` whose sequence is at most `sequence`.
    mutating func remove(_ chain: ChainKey, through sequence: UInt64 = .max) {
        guard perChain[chain] != nil else { return }
        var kept: [Entry] = []
        kept.reserveCapacity(count)
        for entry in entries[head...] {
            if entry.chain == chain, entry.sequence <= sequence {
                decrement(chain)
            } else {
                kept.append(entry)
            }
        }
        entries = kept
        head = 0
    }

    private mutating func decrement(_ chain: ChainKey) {
        guard let queued = perChain[chain] else { return }
        perChain[chain] = queued > 1 ? queued - 1 : nil
    }
}
