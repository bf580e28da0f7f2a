extension ChannelName {
    /// Reads the `channelLength`-prefixed channel name that starts a post or a topic
    /// (content.md), and returns it with the bytes that follow it.
    static func decodingPrefixed<Bytes: Collection<UInt8>>(_ content: Bytes)
        throws(ContentError) -> (ChannelName, Bytes.SubSequence)
    {
        guard content.count <= EntryFormat.maxContentSize else {
            throw .contentTooLarge(content.count)
        }
        guard let channelLength = content.first.map(Int.init) else { throw .emptyContent }
        guard channelLength > 0 else { throw .emptyChannel }
        guard channelLength <= maxByteCount else { throw .channelTooLong(channelLength) }
        let afterLength = content.dropFirst()
        guard afterLength.count >= channelLength else {
            throw .channelTruncated(declared: channelLength, available: afterLength.count)
        }
        let channel = try ChannelName(decoding: afterLength.prefix(channelLength))
        return (channel, afterLength.dropFirst(channelLength))
    }

    /// The content of a post or a topic (content.md): this channel name after its length byte,
    /// then `text`.
    func encodingPrefixed(followedBy text: String) -> [UInt8] {
        let channelBytes = name.utf8
        var bytes: [UInt8] = []
        bytes.reserveCapacity(1 + channelBytes.count + text.utf8.count)
        bytes.append(UInt8(truncatingIfNeeded: channelBytes.count))
        bytes.append(contentsOf: channelBytes)
        bytes.append(contentsOf: text.utf8)
        return bytes
    }
}
