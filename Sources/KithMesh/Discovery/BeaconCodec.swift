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

    /// The size of a version-1 datagram, and the smallest a receiver reads: 101 bytes.
    public static let minimumDatagramByteCount =
        headerByteCount + nonceByteCount + Beacon.plaintextByteCount + tagByteCount

    /// Magic and version.
    static let headerByteCount = 3
    /// XChaCha20-Poly1305 nonce size.
    static let nonceByteCount = 24
    /// Poly1305 tag size.
    static let tagByteCount = 16

    /// The header: magic and version, also the associated data.
    static var header: [UInt8] { magic + [version] }

    /// The datagram announcing `beacon` in the community of `key`, with a fresh nonce from
    /// `random`.
    public static func seal(
        _ beacon: Beacon, with key: BeaconKey, using random: inout some RandomSource
    )
        -> [UInt8]
    {
        let nonce = random.bytes(nonceByteCount)
        let plaintext = beacon.plaintext
        let ciphertext = key.secret.withUnsafeBytes { keyBytes in
            plaintext.withUnsafeBytes { message in
                AEAD.xChaCha20Poly1305.seal(
                    message, key: keyBytes, nonce: nonce, associatedData: header)
            }
        }
        return header + nonce + ciphertext
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
        let nonce = Array(bytes[headerByteCount..<headerByteCount + nonceByteCount])
        let ciphertextStart = headerByteCount + nonceByteCount
        for key in keys {
            let plaintext = key.secret.withUnsafeBytes { keyBytes in
                bytes.withUnsafeBytes { all in
                    AEAD.xChaCha20Poly1305.open(
                        UnsafeRawBufferPointer(rebasing: all[ciphertextStart...]), key: keyBytes,
                        nonce: nonce, associatedData: header)
                }
            }
            guard let plaintext else { continue }
            guard let beacon = Beacon(plaintext: plaintext) else {
                throw .tooShort(byteCount: size)
            }
            guard beacon.port != 0 else { throw .invalidPort }
            return OpenedBeacon(beacon: beacon, community: key.community)
        }
        throw .notForAnyCommunity
    }
}
