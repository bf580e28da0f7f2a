import KithCore

/// The entries the fast path brought in one turn of the loop (fastpath.md, "Receiving"): which
/// to take, the batch they wait in, and what became of them. Pure: the runtime tells it what the
/// log holds and takes the batch at the end of the turn.
///
/// A datagram's entry is taken only when it extends a chain the log holds, unforked, by exactly
/// one entry, or extends the entry taken just before it from the same chain in this turn; every
/// other entry is left to sessions (new authors, gaps, forks).
struct DatagramIntake {
    /// One entry waiting for the turn's batch, and the interface it came by.
    struct Item {
        let entry: Entry
        let interfaceIndex: UInt32
    }

    /// The head of a chain: its last sequence number and that entry's id.
    struct Head: Equatable {
        let sequence: UInt64
        let id: EntryID
    }

    private var pending: [Item] = []
    /// The head each chain with pending entries will have once they are appended.
    private var queuedHeads: [ChainKey: Head] = [:]
    /// Entries appended from datagrams since the start.
    private(set) var entriesAppended = 0
    /// Datagrams whose entry was not stored: not the next of a chain held, or refused by the log.
    private(set) var entriesNotStored = 0

    /// Whether entries wait for the turn's batch.
    var hasPending: Bool { !pending.isEmpty }

    /// Offers `entry`, which came by the interface `interfaceIndex`; `logHead` is the head of
    /// its chain in the log, nil when the log holds none of it, it is forked, or the node takes
    /// nothing now (stopping, storage short, author blocked). Returns whether it was queued.
    @discardableResult
    mutating func offer(_ entry: Entry, interfaceIndex: UInt32, logHead: Head?) -> Bool {
        guard let logHead else {
            entriesNotStored += 1
            return false
        }
        let head = queuedHeads[entry.chain] ?? logHead
        guard entry.sequence == head.sequence + 1, entry.previous == head.id else {
            entriesNotStored += 1
            return false
        }
        queuedHeads[entry.chain] = Head(sequence: entry.sequence, id: entry.id)
        pending.append(Item(entry: entry, interfaceIndex: interfaceIndex))
        return true
    }

    /// The turn's batch, in the order offered; the intake starts the next turn empty.
    mutating func takeBatch() -> [Item] {
        defer {
            pending.removeAll(keepingCapacity: true)
            queuedHeads.removeAll(keepingCapacity: true)
        }
        return pending
    }

    /// Counts what became of a batch taken: `appended` entries stored, `notStored` refused.
    mutating func record(appended: Int, notStored: Int) {
        entriesAppended += appended
        entriesNotStored += notStored
    }
}
