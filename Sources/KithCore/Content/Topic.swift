/// A channel's topic: content type `topic` (content.md).
///
/// Layout: `channelLength` (1 byte, 1 to 64), the channel name (as in a post), then the topic
/// text (the rest, 0 to 512 bytes of UTF-8 without NUL; empty clears the topic). A channel's
/// current topic is its topic entry with the greatest timestamp, ties broken by the greater entry
/// id (``Topic/isNewer(timestamp:id:than:id:)``). Topics are compared by their bytes.
public struct Topic: Hashable, Sendable {
    /// The longest topic text, in UTF-8 bytes.
    public static let maxTextByteCount = 512

    /// The channel whose topic this sets.
    public private(set) var channel: ChannelName

    /// The topic text; empty when the topic is cleared.
    public private(set) var text: String

    /// A topic; the text must be at most 512 bytes of UTF-8 and have no NUL. An empty text
    /// clears the channel's topic.
    public init(channel: ChannelName, text: String) throws(ContentError) {
        let byteCount = text.utf8.count
        guard byteCount <= Self.maxTextByteCount else { throw .topicTooLong(byteCount) }
        guard !text.utf8.contains(0) else { throw .textContainsNUL }
        self.channel = channel
        self.text = text
    }

    /// Reads a topic from content bytes.
    public init(decoding content: some Collection<UInt8>) throws(ContentError) {
        let (channel, textBytes) = try ChannelName.decodingPrefixed(content)
        guard textBytes.count <= Self.maxTextByteCount else {
            throw .topicTooLong(textBytes.count)
        }
        switch UTF8Scan.scan(textBytes, rejecting: { $0 == "\0" }) {
        case .valid: break
        case .invalidUTF8: throw .invalidUTF8(.text)
        case .rejected: throw .textContainsNUL
        }
        self.channel = channel
        self.text = String(decoding: textBytes, as: UTF8.self)
    }

    /// Whether the topic clears the channel's topic (its text is empty).
    public var clears: Bool { text.utf8.isEmpty }

    /// The topic's content bytes.
    public func encoded() -> [UInt8] {
        channel.encodingPrefixed(followedBy: text)
    }

    /// The rule that picks a channel's current topic (content.md): a topic entry with timestamp
    /// `timestamp` and id `id` replaces the one with `currentTimestamp` and `currentID` when its
    /// timestamp is greater, or equal with a bytewise greater id. The same set of entries gives
    /// the same topic whatever order they arrived in.
    public static func isNewer(
        timestamp: UInt64, id: EntryID, than currentTimestamp: UInt64, id currentID: EntryID
    ) -> Bool {
        if timestamp != currentTimestamp { return timestamp > currentTimestamp }
        return id > currentID
    }

    /// Topics are equal when their channel and text bytes are.
    public static func == (lhs: Topic, rhs: Topic) -> Bool {
        lhs.channel == rhs.channel && lhs.text.hasSameBytes(as: rhs.text)
    }

    /// Hashes the channel and text bytes.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(channel)
        text.hashBytes(into: &hasher)
    }
}
