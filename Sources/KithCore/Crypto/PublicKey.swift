import CSodium

/// An Ed25519 public key: who wrote an entry, and who a node is. Keys are ordered by their bytes,
/// which is the order of their hex form.
public struct PublicKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The length of a public key in bytes.
    public static let byteCount = 32

    let storage: Bytes32

    init(storage: Bytes32) {
        self.storage = storage
    }

    /// A key from its 32 bytes. Any 32 bytes are accepted here; a key that is not a valid curve
    /// point simply never verifies a signature.
    public init(bytes: some Collection<UInt8>) throws(KeyError) {
        storage = try Bytes32.checked(bytes)
    }

    /// A key from 64 hex digits.
    public init(hex: String) throws(KeyError) {
        storage = try Bytes32.parsing(hex: hex)
    }

    /// The key's 32 bytes.
    public var bytes: [UInt8] { storage.bytes }

    /// The key as 64 lowercase hex digits.
    public var hex: String { storage.hex }

    /// The fingerprint people compare to check this key (identity.md).
    public var fingerprint: Fingerprint { Fingerprint(self) }

    /// The key as hex.
    public var description: String { hex }

    /// Whether `lhs` comes before `rhs` in byte (and hex) order.
    public static func < (lhs: PublicKey, rhs: PublicKey) -> Bool {
        lhs.storage < rhs.storage
    }

    /// Whether `signature` is a valid Ed25519 signature by this key over `message`.
    /// The corresponding C function is `crypto_sign_verify_detached`.
    public func isValidSignature(_ signature: Signature, for message: some Collection<UInt8>)
        -> Bool
    {
        withContiguousBytes(of: message) { isValidSignature(signature, forBytes: $0) }
    }

    /// Whether `signature` is valid over the bytes of `message`, without copying them.
    func isValidSignature(_ signature: Signature, forBytes message: UnsafeRawBufferPointer) -> Bool
    {
        Sodium.ensureInitialized()
        return signature.storage.withUnsafeBytePointer { signatureBytes in
            storage.withUnsafeBytePointer { keyBytes in
                crypto_sign_verify_detached(
                    signatureBytes,
                    message.baseAddress?.assumingMemoryBound(to: UInt8.self),
                    UInt64(message.count),
                    keyBytes
                ) == 0
            }
        }
    }
}
