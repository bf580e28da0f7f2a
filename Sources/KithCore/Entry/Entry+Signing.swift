extension Entry {
    /// Encodes and signs a new entry. The chain rules of entries.md are the caller's to follow
    /// (sequence one above the chain's head, previous the head's id); this checks only what
    /// makes a single entry invalid.
    ///
    /// - Throws: `.contentTooLarge` for more than 16,384 content bytes, `.zeroSequence`,
    ///   `.previousMustBeZero` or `.previousMustNotBeZero` (rules 3 to 5).
    /// The corresponding C function is `crypto_sign_detached`.
    public static func sign(
        community: CommunityID,
        sequence: UInt64,
        previous: EntryID,
        timestamp: UInt64,
        contentType: ContentType,
        content: some Collection<UInt8>,
        with key: SigningKey
    ) throws(EntryError) -> Entry {
        let contentLength = content.count
        guard contentLength <= EntryFormat.maxContentSize else {
            throw .contentTooLarge(contentLength)
        }
        guard sequence >= 1 else { throw .zeroSequence }
        if sequence == 1, !previous.isZero { throw .previousMustBeZero }
        if sequence > 1, previous.isZero { throw .previousMustNotBeZero }

        var bytes: [UInt8] = []
        bytes.reserveCapacity(EntryFormat.entrySize(contentLength: contentLength))
        bytes.append(EntryFormat.version)
        community.storage.append(to: &bytes)
        key.publicKey.storage.append(to: &bytes)
        bytes.appendBigEndian(sequence)
        previous.storage.append(to: &bytes)
        bytes.appendBigEndian(timestamp)
        bytes.appendBigEndian(contentType.rawValue)
        bytes.appendBigEndian(UInt32(contentLength))
        bytes.append(contentsOf: content)
        let signature = bytes.withUnsafeBytes { key.signature(forBytes: $0) }
        signature.storage.append(to: &bytes)
        return try Entry(decoding: bytes)
    }
}
