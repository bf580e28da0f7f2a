import KithCore

/// Seals beacons into datagrams and opens received datagrams (discovery.md):
/// `"KB"`, version `0x01`, a 24-byte random nonce, then the XChaCha20-Poly1305 ciphertext of the
/// beacon under the community's beacon key, with the 3 header bytes as associated data.
public enum BeaconCodec {
    /// The first two bytes of every beacon datagram, `"KB"`.
    public static let magic: [UInt8] = [0x4b, 0x42]

    /// The beacon format version this software writes and reads.
    public static let version: UInt8 = 1

    /// The largest datagram a receiver reads; larger ones are dropped before anything else.
    public static let maximumDatagramByteCount = 256

    /// The size of a datagram this software sends: 102 bytes.
    public static let datagramByteCount =
        headerByteCount + nonceByteCount + Beacon.plaintextByteCount + tagByteCount

    /// The smallest datagram a receiver reads, one without the flags byte: 101 bytes.
    public static let minimumDatagramByteCount =
        headerByteCount + nonceByteCount + Beacon.minimumPlaintextByteCount + tagByteCount

    static let headerByteCount = DatagramEnvelope.headerByteCount
    static let nonceByteCount = DatagramEnvelope.nonceByteCount
    static let tagByteCount = DatagramEnvelope.tagByteCount

    /// The header: magic and version, also the associated data.
    static var header: [UInt8] { magic + [version] }

    /// The datagram announcing `beacon` in the community of `key`, with a fresh nonce from
    /// `random`.
    public static func seal(
        _ beacon: Beacon, with key: BeaconKey, using random: inout some RandomSource
    )
        -> [UInt8]
    {
        DatagramEnvelope.seal(beacon.plaintext, header: header, key: key.secret, using: &random)
    }

    /// The datagram announcing `beacon` in the community of `key`, with a nonce from the system's
    /// secure random source.
    public static func seal(_ beacon: Beacon, with key: BeaconKey) -> [UInt8] {
        var random = SystemRandomSource()
        return seal(beacon, with: key, using: &random)
    }

    /// Checks a received datagram and decrypts it with the first of `keys` that authenticates it.
    /// Does not check replays or the receiver's own key: ``BeaconReplayGuard`` does.
    /// - Throws: the first failing check of discovery.md's receiving rules 1 to 5.
    public static func open(_ datagram: some Collection<UInt8>, keys: [BeaconKey])
        throws(BeaconError)
        -> OpenedBeacon
    {
        let size = datagram.count
        guard size <= maximumDatagramByteCount else { throw .tooLarge(byteCount: size) }
        guard size >= minimumDatagramByteCount else { throw .tooShort(byteCount: size) }
        let bytes = Array(datagram)
        guard bytes.starts(with: magic) else { throw .badMagic }
        guard bytes[2] == version else { throw .unsupportedVersion(bytes[2]) }
        guard
            let (index, plaintext) = DatagramEnvelope.open(
                bytes, header: header, keys: keys.map(\.secret))
        else { throw .notForAnyCommunity }
        guard let beacon = Beacon(plaintext: plaintext) else {
            throw .tooShort(byteCount: size)
        }
        guard beacon.port != 0 else { throw .invalidPort }
        return OpenedBeacon(beacon: beacon, community: keys[index].community)
    }
}
