/// A text message to a named channel: content type `post` (content.md).
///
/// Layout: `channelLength` (1 byte, 1 to 64), the channel name, then the text (the rest, at
/// least 1 byte of UTF-8 without NUL; line breaks allowed). Posts are compared by their bytes.
public struct Post: Hashable, Sendable {
    /// The channel the post is in.
    public private(set) var channel: ChannelName

    /// The message text.
    public private(set) var text: String

    /// A post; the text must be non-empty, have no NUL, and the encoded post must fit in an
    /// entry (at most 16,384 bytes in all).
    public init(channel: ChannelName, text: String) throws(ContentError) {
        guard !text.utf8.isEmpty else { throw .emptyText }
        guard !text.utf8.contains(0) else { throw .textContainsNUL }
        let size = 1 + channel.name.utf8.count + text.utf8.count
        guard size <= EntryFormat.maxContentSize else { throw .contentTooLarge(size) }
        self.channel = channel
        self.text = text
    }

    /// Reads a post from content bytes.
    public init(decoding content: some Collection<UInt8>) throws(ContentError) {
        guard content.count <= EntryFormat.maxContentSize else {
            throw .contentTooLarge(content.count)
        }
        guard let channelLength = content.first.map(Int.init) else { throw .emptyContent }
        guard channelLength > 0 else { throw .emptyChannel }
        guard channelLength <= ChannelName.maxByteCount else {
            throw .channelTooLong(channelLength)
        }
        let afterLength = content.dropFirst()
        guard afterLength.count >= channelLength else {
            throw .channelTruncated(declared: channelLength, available: afterLength.count)
        }
        let channel = try ChannelName(decoding: afterLength.prefix(channelLength))
        let textBytes = afterLength.dropFirst(channelLength)
        guard !textBytes.isEmpty else { throw .emptyText }
        switch UTF8Scan.scan(textBytes, rejecting: { $0 == "\0" }) {
        case .valid: break
        case .invalidUTF8: throw .invalidUTF8(.text)
        case .rejected: throw .textContainsNUL
        }
        self.channel = channel
        self.text = String(decoding: textBytes, as: UTF8.self)
    }

    /// The post's content bytes.
    public func encoded() -> [UInt8] {
        channel.encodingPrefixed(followedBy: text)
    }

    /// Posts are equal when their channel and text bytes are.
    public static func == (lhs: Post, rhs: Post) -> Bool {
        lhs.channel == rhs.channel && lhs.text.hasSameBytes(as: rhs.text)
    }

    /// Hashes the channel and text bytes.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(channel)
        text.hashBytes(into: &hasher)
    }
}
