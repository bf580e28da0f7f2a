/// The fields of an entry read from its bytes, after rules 1 to 5 of entries.md passed.
struct EntryHeader: Hashable, Sendable {
    var version: UInt8
    var community: CommunityID
    var author: PublicKey
    var sequence: UInt64
    var previous: EntryID
    var timestamp: UInt64
    var contentType: ContentType
    var contentLength: Int
    var signature: Signature

    /// Reads the fields of the entry in `bytes` (see ``init(parsing:)`` for a buffer).
    init(parsing bytes: [UInt8]) throws(EntryError) {
        let parsed = bytes.withUnsafeBytes { buffer -> Result<EntryHeader, EntryError> in
            do throws(EntryError) {
                return .success(try EntryHeader(parsing: buffer))
            } catch {
                return .failure(error)
            }
        }
        self = try parsed.get()
    }

    /// Reads the fields of the entry in `buffer`, checking rules 1 to 5 in order. Every read is
    /// bounds-checked; short or corrupt input is reported, never trapped on.
    init(parsing buffer: UnsafeRawBufferPointer) throws(EntryError) {
        let length = buffer.count
        // Rule 1: length.
        guard length >= EntryFormat.minEntrySize else { throw .tooShort(length) }
        guard length <= EntryFormat.maxEntrySize else { throw .tooLong(length) }
        // Rule 2: version.
        guard let version = buffer.readByte(at: EntryLayout.version) else {
            throw .tooShort(length)
        }
        guard version == EntryFormat.version else { throw .unsupportedVersion(version) }
        // Rule 3: content length.
        guard let declared = buffer.readBigEndian(UInt32.self, at: EntryLayout.contentLength) else {
            throw .tooShort(length)
        }
        let actual = length - EntryFormat.minEntrySize
        guard Int(declared) == actual else {
            throw .contentLengthMismatch(declared: declared, actual: actual)
        }
        guard actual <= EntryFormat.maxContentSize else { throw .contentTooLarge(actual) }
        // Rule 4: sequence.
        guard let sequence = buffer.readBigEndian(UInt64.self, at: EntryLayout.sequence) else {
            throw .tooShort(length)
        }
        guard sequence >= 1 else { throw .zeroSequence }
        // Rule 5: previous.
        guard let previous = Bytes32(buffer, at: EntryLayout.previous) else {
            throw .tooShort(length)
        }
        if sequence == 1, !previous.isZero { throw .previousMustBeZero }
        if sequence > 1, previous.isZero { throw .previousMustNotBeZero }
        // The remaining fields are not validated here.
        guard let community = Bytes32(buffer, at: EntryLayout.community),
            let author = Bytes32(buffer, at: EntryLayout.author),
            let timestamp = buffer.readBigEndian(UInt64.self, at: EntryLayout.timestamp),
            let contentType = buffer.readBigEndian(UInt16.self, at: EntryLayout.contentType),
            let signature = Bytes64(buffer, at: EntryLayout.content + actual)
        else { throw .tooShort(length) }

        self.version = version
        self.community = CommunityID(storage: community)
        self.author = PublicKey(storage: author)
        self.sequence = sequence
        self.previous = EntryID(storage: previous)
        self.timestamp = timestamp
        self.contentType = ContentType(rawValue: contentType)
        self.contentLength = actual
        self.signature = Signature(storage: signature)
    }
}
