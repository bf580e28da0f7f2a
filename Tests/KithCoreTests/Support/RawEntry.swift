import KithCore

/// An entry's fields encoded by the test suite itself, straight from the table in entries.md,
/// with any field free to break the rules. Used to build invalid entries and to check the
/// library's encoder against an independent one.
struct RawEntry {
    var version: UInt8 = 1
    var community: [UInt8]
    var author: [UInt8]
    var sequence: UInt64
    var previous: [UInt8]
    var timestamp: UInt64
    var contentType: UInt16
    /// The content length field; nil writes the real content length.
    var declaredContentLength: UInt32?
    var content: [UInt8]

    init(
        version: UInt8 = 1, community: [UInt8], author: [UInt8], sequence: UInt64,
        previous: [UInt8], timestamp: UInt64, contentType: UInt16,
        declaredContentLength: UInt32? = nil, content: [UInt8]
    ) {
        self.version = version
        self.community = community
        self.author = author
        self.sequence = sequence
        self.previous = previous
        self.timestamp = timestamp
        self.contentType = contentType
        self.declaredContentLength = declaredContentLength
        self.content = content
    }

    /// The fields of a decoded entry.
    init(_ entry: Entry) {
        self.init(
            version: entry.version, community: entry.community.bytes, author: entry.author.bytes,
            sequence: entry.sequence, previous: entry.previous.bytes, timestamp: entry.timestamp,
            contentType: entry.contentType.rawValue, content: Array(entry.content))
    }

    /// Header and content: the bytes a signature covers.
    var signingInput: [UInt8] {
        var bytes: [UInt8] = [version]
        bytes += community
        bytes += author
        bytes += bigEndian(sequence)
        bytes += previous
        bytes += bigEndian(timestamp)
        bytes += bigEndian(contentType)
        bytes += bigEndian(declaredContentLength ?? UInt32(content.count))
        bytes += content
        return bytes
    }

    /// The entry signed by `key`, whatever the fields say.
    func signed(with key: SigningKey) -> [UInt8] {
        let input = signingInput
        return input + key.signature(for: input).bytes
    }

    /// The entry with the given 64 signature bytes.
    func withSignature(_ signature: [UInt8]) -> [UInt8] {
        signingInput + signature
    }
}

/// `value` as big-endian bytes.
func bigEndian<Integer: FixedWidthInteger>(_ value: Integer) -> [UInt8] {
    (0..<MemoryLayout<Integer>.size).reversed().map { UInt8(truncatingIfNeeded: value >> ($0 * 8)) }
}
