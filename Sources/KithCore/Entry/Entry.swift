/// A signed entry: the unit of everything a person says in Kith (entries.md).
///
/// An entry keeps the exact bytes it was signed as; it is stored, sent and hashed as those bytes
/// and never re-encoded. Its fields are read from the bytes once, when it is made. Entries are
/// equal when their bytes are.
public struct Entry: Hashable, Sendable, CustomStringConvertible {
    /// The entry's bytes, exactly as signed.
    public let bytes: [UInt8]

    /// `BLAKE2b-256(bytes)`, computed once when the entry is made.
    public let id: EntryID

    let header: EntryHeader

    /// Decodes `bytes` and checks rules 1 to 5 of entries.md, without checking the signature
    /// (for entries read back from a node's own log, which were checked before they were
    /// written). The bytes are kept without a copy.
    public init(decoding bytes: [UInt8]) throws(EntryError) {
        let header = try EntryHeader(parsing: bytes)
        self.bytes = bytes
        self.header = header
        self.id = bytes.withUnsafeBytes { EntryID(storage: Blake2b.digest256($0)) }
    }

    /// Decodes `bytes` and checks all six rules of entries.md, signature included: what a node
    /// does with every entry it receives.
    public init(validating bytes: [UInt8]) throws(EntryError) {
        try self.init(decoding: bytes)
        guard hasValidSignature else { throw .badSignature }
    }

    /// Like `init(decoding:)` for bytes in memory the caller owns: they are copied once, after the
    /// length has been checked.
    public init(decoding buffer: UnsafeRawBufferPointer) throws(EntryError) {
        guard buffer.count >= EntryFormat.minEntrySize else { throw .tooShort(buffer.count) }
        guard buffer.count <= EntryFormat.maxEntrySize else { throw .tooLong(buffer.count) }
        try self.init(decoding: Array(buffer))
    }

    /// Like `init(validating:)` for bytes in memory the caller owns: they are copied once, after
    /// the length has been checked.
    public init(validating buffer: UnsafeRawBufferPointer) throws(EntryError) {
        try self.init(decoding: buffer)
        guard hasValidSignature else { throw .badSignature }
    }

    /// The format version, byte 0 (always `EntryFormat.version`).
    public var version: UInt8 { header.version }

    /// The id of the community the entry belongs to.
    public var community: CommunityID { header.community }

    /// The author's public key.
    public var author: PublicKey { header.author }

    /// The entry's position in its chain, from 1.
    public var sequence: UInt64 { header.sequence }

    /// The id of the author's entry with `sequence - 1` in this community; zero when `sequence`
    /// is 1.
    public var previous: EntryID { header.previous }

    /// Milliseconds since 1970-01-01T00:00:00Z, as claimed by the author. A claim: it orders
    /// nothing.
    public var timestamp: UInt64 { header.timestamp }

    /// How the content is to be read (content.md).
    public var contentType: ContentType { header.contentType }

    /// The content bytes, a slice of `bytes` (no copy).
    public var content: ArraySlice<UInt8> {
        bytes[EntryLayout.content..<EntryLayout.content + header.contentLength]
    }

    /// The author's Ed25519 signature over the entry's bytes before it.
    public var signature: Signature { header.signature }

    /// The chain the entry belongs to: its author in its community.
    public var chain: ChainKey { ChainKey(author: header.author, community: header.community) }

    /// The bytes the signature covers: everything before the signature.
    public var signingInput: ArraySlice<UInt8> {
        bytes[0..<EntryLayout.content + header.contentLength]
    }

    /// Whether the signature verifies with the author's key over the signing input (rule 6).
    /// The corresponding C function is `crypto_sign_verify_detached`.
    public var hasValidSignature: Bool {
        let signedCount = EntryLayout.content + header.contentLength
        return bytes.withUnsafeBytes { buffer in
            header.author.isValidSignature(
                header.signature,
                forBytes: UnsafeRawBufferPointer(rebasing: buffer[0..<signedCount]))
        }
    }

    /// The content read as its type says (content.md). Content never makes an entry invalid: an
    /// unknown type is `.unknown`, content that does not parse is `.malformed`.
    public var decodedContent: Content { Content(type: contentType, bytes: content) }

    /// A one-line summary: id, author, sequence, content type and size (never the content).
    public var description: String {
        "Entry(id: \(id.hex.prefix(16)), author: \(author.fingerprint.short), "
            + "sequence: \(sequence), type: \(contentType), \(bytes.count) bytes)"
    }

    /// Entries are equal when their bytes are.
    public static func == (lhs: Entry, rhs: Entry) -> Bool {
        lhs.id == rhs.id && lhs.bytes == rhs.bytes
    }

    /// Hashes the id.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(id)
    }
}
