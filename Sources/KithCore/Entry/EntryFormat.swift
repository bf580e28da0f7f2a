/// The sizes of the version-1 entry encoding (entries.md).
public enum EntryFormat {
    /// The format version this node reads and writes.
    public static let version: UInt8 = 1
    /// Bytes before the content: version, community, author, sequence, previous, timestamp,
    /// content type and content length.
    public static let headerSize = 119
    /// Bytes of the Ed25519 signature at the end.
    public static let signatureSize = 64
    /// The largest content, in bytes.
    public static let maxContentSize = 16_384
    /// The smallest entry: a header, no content, a signature.
    public static let minEntrySize = headerSize + signatureSize
    /// The largest entry: a header, the largest content, a signature.
    public static let maxEntrySize = headerSize + maxContentSize + signatureSize

    /// The size of an entry whose content is `contentLength` bytes.
    public static func entrySize(contentLength: Int) -> Int {
        headerSize + contentLength + signatureSize
    }

    /// The total size of the entry that starts with `prefix`, read from its content length field,
    /// or nil when `prefix` is shorter than a header. Lets a reader of a stream know how many
    /// bytes the entry takes before it has them all. The value is not validated.
    public static func declaredEntrySize(prefix: some Collection<UInt8>) -> Int? {
        withContiguousBytes(of: prefix) { buffer in
            buffer.readBigEndian(UInt32.self, at: EntryLayout.contentLength).map {
                entrySize(contentLength: Int($0))
            }
        }
    }
}

/// Byte offsets of the fields of a version-1 entry (entries.md, "Encoding").
enum EntryLayout {
    static let version = 0
    static let community = 1
    static let author = 33
    static let sequence = 65
    static let previous = 73
    static let timestamp = 105
    static let contentType = 113
    static let contentLength = 115
    static let content = 119
}
