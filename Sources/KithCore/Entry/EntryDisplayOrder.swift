/// The order in which entries are listed for people (history, catch-up, `kith history`): by the
/// time their authors claim, then by author, then by sequence number, so that one author's
/// entries with the same timestamp keep their chain order and every reader lists the same
/// entries the same way, whatever order they arrived in.
public struct EntryDisplayOrder: Comparable, Sendable {
    /// The entry's timestamp (ms since the Unix epoch, as its author claims).
    public let timestamp: UInt64
    /// The entry's author.
    public let author: PublicKey
    /// The entry's sequence number in its chain.
    public let sequence: UInt64

    /// The place of `entry`.
    public init(_ entry: Entry) {
        timestamp = entry.timestamp
        author = entry.author
        sequence = entry.sequence
    }

    public static func < (left: EntryDisplayOrder, right: EntryDisplayOrder) -> Bool {
        if left.timestamp != right.timestamp { return left.timestamp < right.timestamp }
        if left.author != right.author { return left.author < right.author }
        return left.sequence < right.sequence
    }
}
