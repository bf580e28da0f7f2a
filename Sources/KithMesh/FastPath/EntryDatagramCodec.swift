import KithCore

/// Seals a node's new entries into datagrams for its links' multicast groups and opens received
/// ones (fastpath.md): `"KE"`, version `0x01`, a 24-byte random nonce, then the
/// XChaCha20-Poly1305 ciphertext of the fields and the entry under the community's entry datagram
/// key, with the 3 header bytes as associated data.
public enum EntryDatagramCodec {
    /// The first two bytes of every entry datagram, `"KE"`.
    public static let magic: [UInt8] = [0x4b, 0x45]

    /// The format version this software writes and reads.
    public static let version: UInt8 = 1

    /// The largest datagram sent or read: what fits one Ethernet frame of 1,500 bytes under IPv6
    /// (40-byte header) and UDP (8); larger ones are dropped before anything else.
    public static let maximumDatagramByteCount = 1_452

    /// The smallest datagram read: one entry with no content.
    public static let minimumDatagramByteCount =
        headerByteCount + nonceByteCount + EntryDatagram.fieldsByteCount
        + EntryFormat.minEntrySize + tagByteCount

    /// The largest entry that travels in a datagram; larger ones go by sessions only.
    public static let maximumEntryByteCount =
        maximumDatagramByteCount - headerByteCount - nonceByteCount
        - EntryDatagram.fieldsByteCount - tagByteCount

    static let headerByteCount = DatagramEnvelope.headerByteCount
    static let nonceByteCount = DatagramEnvelope.nonceByteCount
    static let tagByteCount = DatagramEnvelope.tagByteCount

    /// The header: magic and version, also the associated data.
    static var header: [UInt8] { magic + [version] }

    /// The datagram carrying `datagram` in the community of `key`, with a fresh nonce from
    /// `random`; nil when its entry is too large to travel so.
    public static func seal(
        _ datagram: EntryDatagram, with key: EntryDatagramKey, using random: inout some RandomSource
    ) -> [UInt8]? {
        guard datagram.entryBytes.count <= maximumEntryByteCount else { return nil }
        return DatagramEnvelope.seal(
            datagram.plaintext, header: header, key: key.secret, using: &random)
    }

    /// Checks a received datagram, decrypts it with the first of `keys` that authenticates it and
    /// decodes its entry. Does not check replays, the receiver's own key or the signature.
    /// - Throws: the first failing check of fastpath.md's receiving rules 1 to 7.
    public static func open(_ bytes: some Collection<UInt8>, keys: [EntryDatagramKey])
        throws(EntryDatagramError) -> OpenedEntryDatagram
    {
        let size = bytes.count
        guard size <= maximumDatagramByteCount else { throw .tooLarge(byteCount: size) }
        guard size >= minimumDatagramByteCount else { throw .tooShort(byteCount: size) }
        let bytes = Array(bytes)
        guard bytes.starts(with: magic) else { throw .badMagic }
        guard bytes[2] == version else { throw .unsupportedVersion(bytes[2]) }
        guard
            let (index, plaintext) = DatagramEnvelope.open(
                bytes, header: header, keys: keys.map(\.secret))
        else { throw .notForAnyCommunity }
        let key = keys[index]
        guard let datagram = EntryDatagram(plaintext: plaintext) else {
            throw .tooShort(byteCount: size)
        }
        guard let entry = try? Entry(decoding: datagram.entryBytes) else {
            throw .invalidEntry
        }
        guard entry.author == datagram.nodeKey else { throw .notFromAuthor }
        guard entry.community == key.community.id else { throw .wrongCommunity }
        return OpenedEntryDatagram(datagram: datagram, entry: entry, community: key.community)
    }
}
