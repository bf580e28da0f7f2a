/// What a log holds for a chain: its highest sequence and that entry's id, and whether a fork of
/// the chain has been seen (entries.md, "Chains" and "Forks"). A chain with no entries has no head.
public struct ChainHead: Hashable, Sendable {
    /// The highest sequence held, at least 1.
    public var sequence: UInt64
    /// The id of the entry with that sequence on the chain the log follows.
    public var id: EntryID
    /// Whether the log holds a fork entry for this chain.
    public var isForked: Bool

    /// A head at `sequence` with entry `id`.
    public init(sequence: UInt64, id: EntryID, isForked: Bool = false) {
        self.sequence = sequence
        self.id = id
        self.isForked = isForked
    }

    /// The head of a chain whose head entry is `entry`.
    public init(entry: Entry, isForked: Bool = false) {
        self.init(sequence: entry.sequence, id: entry.id, isForked: isForked)
    }
}
