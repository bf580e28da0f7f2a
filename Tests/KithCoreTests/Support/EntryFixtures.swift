import KithCore

/// Keys and entries the tests share.
enum EntryFixtures {
    /// The key from seed 0x00...0x1f.
    static func alice() throws -> SigningKey { try SigningKey(seed: Array(0...31)) }

    /// The key from seed 0x20...0x3f.
    static func bob() throws -> SigningKey { try SigningKey(seed: Array(32...63)) }

    /// 2026-01-01T00:00:00Z in milliseconds.
    static let timestamp: UInt64 = 1_767_225_600_000

    /// A non-zero id to use as `previous`.
    static let someID: EntryID = EntryID(hashing: utf8("some earlier entry"))

    /// A post signed by `key` in the default community.
    static func post(
        _ text: String = "hello", channel: String = "general", sequence: UInt64 = 1,
        previous: EntryID = .zero, key: SigningKey
    ) throws -> Entry {
        let post = try Post(channel: ChannelName(channel), text: text)
        return try Entry.sign(
            community: DefaultCommunity.id, sequence: sequence, previous: previous,
            timestamp: timestamp, contentType: .post, content: post.encoded(), with: key)
    }

    /// An entry of an experimental type with the given content, at any sequence.
    static func entry(
        sequence: UInt64, previous: EntryID, content: [UInt8] = [1, 2, 3], key: SigningKey
    ) throws -> Entry {
        try Entry.sign(
            community: DefaultCommunity.id, sequence: sequence, previous: previous,
            timestamp: timestamp, contentType: ContentType(rawValue: 0xff00), content: content,
            with: key)
    }
}
