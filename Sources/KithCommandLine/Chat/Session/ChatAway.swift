/// Being away (`/away REASON`), as the chat keeps it: the reason and what called for the
/// person's attention meanwhile, summed up when they come back. Nothing of it goes on the wire
/// (the protocol has no away state): others do not see it.
public struct ChatAway: Sendable, Equatable {
    /// Why, as typed.
    public var reason: String
    /// The lines of the mentions and private messages that arrived meanwhile, oldest first
    /// (the newest ``keptLines``).
    public private(set) var lines: [String] = []
    /// How many mentions arrived meanwhile.
    public private(set) var mentions = 0
    /// How many private messages to the person arrived meanwhile.
    public private(set) var privateMessages = 0

    /// The most lines kept for the summary; counts go on beyond it.
    public static let keptLines = 50

    /// Away for `reason`, having missed nothing yet.
    public init(reason: String) {
        self.reason = reason
    }

    /// Notes a mention or a private message, shown as `line`.
    mutating func missed(_ line: String, isPrivate: Bool) {
        if isPrivate { privateMessages += 1 } else { mentions += 1 }
        lines.append(line)
        if lines.count > Self.keptLines { lines.removeFirst(lines.count - Self.keptLines) }
    }

    /// `2 mentions and 1 private message`.
    var countsText: String {
        func counted(_ count: Int, _ noun: String) -> String {
            "\(count) \(noun)\(count == 1 ? "" : "s")"
        }
        return counted(mentions, "mention") + " and " + counted(privateMessages, "private message")
    }
}
