import KithCore

/// The envelope beacons (discovery.md) and entry datagrams (fastpath.md) share: a 3-byte header
/// (magic and version), a 24-byte random nonce, then the XChaCha20-Poly1305 ciphertext of the
/// plaintext under a key derived from a community key, with the header as associated data.
enum DatagramEnvelope {
    /// The size of the header: magic and version.
    static let headerByteCount = 3
    /// XChaCha20-Poly1305 nonce size.
    static let nonceByteCount = 24
    /// Poly1305 tag size.
    static let tagByteCount = 16
    /// What the envelope adds to a plaintext.
    static let overheadByteCount = headerByteCount + nonceByteCount + tagByteCount

    /// `BLAKE2b-256(key: community key, label)`: the key of one kind of datagram of `community`.
    static func derivedKey(of community: CommunityKey, label: String) -> SecretBytes {
        var derived = Blake2b.hash256(key: community.bytes, Array(label.utf8))
        return SecretBytes(takingAndWiping: &derived)
    }

    /// `header`, a fresh nonce from `random`, and `plaintext` sealed under `key`.
    static func seal(
        _ plaintext: [UInt8], header: [UInt8], key: SecretBytes,
        using random: inout some RandomSource
    ) -> [UInt8] {
        let nonce = random.bytes(nonceByteCount)
        let ciphertext = key.withUnsafeBytes { keyBytes in
            plaintext.withUnsafeBytes { message in
                AEAD.xChaCha20Poly1305.seal(
                    message, key: keyBytes, nonce: nonce, associatedData: header)
            }
        }
        return header + nonce + ciphertext
    }

    /// The plaintext of `datagram` (whose header the caller checked) under the first of `keys`
    /// that authenticates it, with that key's position; nil when none does.
    static func open(_ datagram: [UInt8], header: [UInt8], keys: [SecretBytes])
        -> (keyIndex: Int, plaintext: [UInt8])?
    {
        let nonce = Array(datagram[headerByteCount..<headerByteCount + nonceByteCount])
        let ciphertextStart = headerByteCount + nonceByteCount
        for (index, key) in keys.enumerated() {
            let plaintext = key.withUnsafeBytes { keyBytes in
                datagram.withUnsafeBytes { all in
                    AEAD.xChaCha20Poly1305.open(
                        UnsafeRawBufferPointer(rebasing: all[ciphertextStart...]), key: keyBytes,
                        nonce: nonce, associatedData: header)
                }
            }
            if let plaintext { return (index, plaintext) }
        }
        return nil
    }
}
