import KithCore
import KithStorage

/// How an entry of the log fits its chain, found by replaying the log in order (entries.md,
/// "Forks": a reader that classifies the log's entries in log order makes the writer's decisions).
enum ReplayOutcome: Hashable, Sendable {
    /// The next entry of its chain (the writer appended it as such).
    case next
    /// The log already holds this entry, at `earlier`: a writer never appends an entry twice.
    case duplicate(earlier: LogOffset)
    /// Entries before this one are missing from the log (lost to damage): the chain's next
    /// sequence is `expected`. The entry cannot be chained.
    case gap(expected: UInt64)
    /// The first fork entry of its chain, kept as proof. `conflicting` is the log offset of the
    /// chain's entry it contradicts: the one with the same sequence, or, for a broken link, the
    /// head its `previous` should have named.
    case fork(ForkKind, conflicting: LogOffset?)
    /// A further fork entry of a chain already known to be forked (Kith's writer drops these).
    case furtherFork(conflicting: LogOffset?)

    /// Whether the entry is a fork entry (either kind).
    var isFork: Bool {
        switch self {
        case .fork, .furtherFork: true
        default: false
        }
    }

    /// One word for the entry's place in its chain: `next`, `duplicate`, `gap`, `fork`.
    var name: String {
        switch self {
        case .next: "next"
        case .duplicate: "duplicate"
        case .gap: "gap"
        case .fork, .furtherFork: "fork"
        }
    }
}

/// The chains of a log rebuilt in memory by classifying its entries in log order with
/// ``ChainRules`` (pure: no file is read).
///
/// It keeps every held entry id with its log offset and, per chain, the head and the offsets of
/// the chain's entries by sequence, so that a fork can name the entry it contradicts.
struct ChainReplay {
    /// What is known of one chain.
    struct Track {
        /// The chain's head, as ``ChainRules`` takes it.
        var head: ChainHead?
        /// The log offsets of the chain's entries: element `i` holds sequence `i + 1`.
        var entryOffsets: [LogOffset] = []
        /// The log offset of the first fork entry, if any.
        var firstFork: LogOffset?
    }

    /// Held entry ids (chain entries and first fork entries) with their log offsets.
    private(set) var held: [EntryID: LogOffset] = [:]
    /// Every chain seen, including chains whose only entries were gaps.
    private(set) var chains: [ChainKey: Track] = [:]

    /// Classifies `entry`, found at `offset`, against what the replay holds, and records it as
    /// the writer did: only next entries and a chain's first fork entry are held.
    mutating func replay(_ entry: Entry, at offset: LogOffset) -> ReplayOutcome {
        let key = entry.chain
        var track = chains[key] ?? Track()
        defer { chains[key] = track }
        if let earlier = held[entry.id] { return .duplicate(earlier: earlier) }
        let decision = ChainRules.classify(entry, head: track.head, alreadyHeld: false)
        switch decision {
        case .append:
            track.head = ChainHead(entry: entry, isForked: track.head?.isForked ?? false)
            track.entryOffsets.append(offset)
            held[entry.id] = offset
            return .next
        case .duplicate:
            return .duplicate(earlier: offset)
        case .gap(let expected):
            return .gap(expected: expected)
        case .fork(let kind):
            track.head?.isForked = true
            track.firstFork = offset
            held[entry.id] = offset
            return .fork(kind, conflicting: Self.conflicting(entry, in: track))
        case .forkIgnored:
            return .furtherFork(conflicting: Self.conflicting(entry, in: track))
        }
    }

    /// The offset of the chain entry that `entry` contradicts: the one at its sequence, else the
    /// head.
    private static func conflicting(_ entry: Entry, in track: Track) -> LogOffset? {
        let offsets = track.entryOffsets
        if entry.sequence >= 1, entry.sequence <= UInt64(offsets.count) {
            return offsets[Int(entry.sequence - 1)]
        }
        return offsets.last
    }

    /// The number of chains seen.
    var chainCount: Int { chains.count }

    /// The number of distinct authors seen.
    var authorCount: Int { Set(chains.keys.map(\.author)).count }

    /// The chains that hold a fork entry.
    var forkedChains: [ChainKey] {
        chains.compactMap { $0.value.firstFork == nil ? nil : $0.key }
    }
}
