import KithCore

/// Why bytes are not a well-formed replication message (replication.md, "Messages"). Receiving
/// one is a protocol error: the receiver closes the session.
public enum ReplicationMessageError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The frame is empty: it has no type byte.
    case empty
    /// The body of a `type` message is shorter than its layout needs.
    case truncated(ReplicationMessageType, expected: Int, actual: Int)
    /// The body of a `type` message has bytes after its last field.
    case trailingBytes(ReplicationMessageType, expected: Int, actual: Int)
    /// A `communities` message with more than 64 proofs.
    case tooManyProofs(Int)
    /// A `clock` message with more than 1,024 chains.
    case tooManyChains(Int)
    /// A `clock` message that names an author twice.
    case repeatedAuthor(PublicKey)
    /// An `entry` message whose entry is shorter than 183 bytes.
    case entryTooShort(Int)
    /// An `entry` message whose entry is longer than 16,567 bytes.
    case entryTooLong(Int)
    /// A `goodbye` whose text is longer than 200 bytes.
    case goodbyeTextTooLong(Int)
    /// A `goodbye` whose text is not UTF-8.
    case goodbyeTextNotUTF8

    /// A sentence that says what was wrong.
    public var description: String {
        switch self {
        case .empty:
            "empty frame: no message type"
        case .truncated(let type, let expected, let actual):
            "\(type) body is \(actual) bytes, shorter than the \(expected) its layout needs"
        case .trailingBytes(let type, let expected, let actual):
            "\(type) body is \(actual) bytes, longer than the \(expected) its layout holds"
        case .tooManyProofs(let count):
            "communities holds \(count) proofs, more than \(ReplicationLimits.maxProofs)"
        case .tooManyChains(let count):
            "clock holds \(count) chains, more than \(ReplicationLimits.maxClockChains)"
        case .repeatedAuthor(let author):
            "clock names author \(author.fingerprint.short) twice"
        case .entryTooShort(let length):
            "entry is \(length) bytes, shorter than \(EntryFormat.minEntrySize)"
        case .entryTooLong(let length):
            "entry is \(length) bytes, longer than \(EntryFormat.maxEntrySize)"
        case .goodbyeTextTooLong(let length):
            "goodbye text is \(length) bytes, longer than \(ReplicationLimits.maxGoodbyeText)"
        case .goodbyeTextNotUTF8:
            "goodbye text is not UTF-8"
        }
    }
}
