import CSodium

/// BLAKE2b (RFC 7693) with a 32-byte output, as `crypto_generichash` computes it.
public enum Blake2b {
    /// The length of a BLAKE2b-256 digest in bytes.
    public static let outputByteCount = 32

    /// The smallest key length libsodium accepts for keyed hashing.
    public static let minimumKeyByteCount = Int(crypto_generichash_KEYBYTES_MIN)

    /// The largest key length libsodium accepts for keyed hashing.
    public static let maximumKeyByteCount = Int(crypto_generichash_KEYBYTES_MAX)

    /// `BLAKE2b-256(data)`: unkeyed, 32-byte output.
    /// The corresponding C function is `crypto_generichash`.
    public static func hash256(_ data: some Collection<UInt8>) -> [UInt8] {
        withContiguousBytes(of: data) { digest256($0) }.bytes
    }

    /// `BLAKE2b-256(key: key, data)`: keyed, 32-byte output. The key must be 16 to 64 bytes long
    /// (an empty key means unkeyed); another length is a programming error and stops the process.
    /// The corresponding C function is `crypto_generichash`.
    public static func hash256(key: some Collection<UInt8>, _ data: some Collection<UInt8>)
        -> [UInt8]
    {
        withContiguousBytes(of: key) { keyBytes in
            withContiguousBytes(of: data) { digest256($0, key: keyBytes) }
        }.bytes
    }

    /// The digest of the bytes of `data`, keyed by `key` when it is not empty, without copies.
    static func digest256(
        _ data: UnsafeRawBufferPointer,
        key: UnsafeRawBufferPointer = UnsafeRawBufferPointer(start: nil, count: 0)
    ) -> Bytes32 {
        precondition(
            key.isEmpty || (minimumKeyByteCount...maximumKeyByteCount).contains(key.count),
            "BLAKE2b key must be \(minimumKeyByteCount) to \(maximumKeyByteCount) bytes")
        Sodium.ensureInitialized()
        return Bytes32.filling { output in
            _ = crypto_generichash(
                output,
                outputByteCount,
                data.baseAddress?.assumingMemoryBound(to: UInt8.self),
                UInt64(data.count),
                key.isEmpty ? nil : key.baseAddress?.assumingMemoryBound(to: UInt8.self),
                key.count)
        }
    }
}
