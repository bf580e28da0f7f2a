import KithCore

/// An entry appended to the log, with what a chat line shows beside it.
public struct DeliveredEntry: Sendable {
    /// The entry.
    public let entry: Entry
    /// The author's display name in the entry's community, if one is set.
    public let authorName: String?
    /// Whether this node wrote it.
    public let isOwn: Bool

    /// An entry with what the node says beside it.
    public init(entry: Entry, authorName: String?, isOwn: Bool) {
        self.entry = entry
        self.authorName = authorName
        self.isOwn = isOwn
    }
}
