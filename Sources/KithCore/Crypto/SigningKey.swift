import CSodium

/// An Ed25519 secret key, able to sign. The secret lives in memory this object owns and is wiped
/// when the object is released.
///
/// Sendable because the secret is written only in `init` and only read afterwards.
public final class SigningKey: @unchecked Sendable, CustomStringConvertible {
    /// The length of a seed in bytes.
    public static let seedByteCount = 32

    /// The length of libsodium's secret key: the seed followed by the public key.
    private static let secretKeyByteCount = Int(crypto_sign_SECRETKEYBYTES)

    /// libsodium's 64-byte secret key: the 32-byte seed followed by the public key.
    private let secretKey: UnsafeMutablePointer<UInt8>

    /// The public half of this key.
    public let publicKey: PublicKey

    private init(secretKey: UnsafeMutablePointer<UInt8>, publicKey: PublicKey) {
        self.secretKey = secretKey
        self.publicKey = publicKey
    }

    private static func allocateSecretKey() -> UnsafeMutablePointer<UInt8> {
        let pointer = UnsafeMutablePointer<UInt8>.allocate(capacity: secretKeyByteCount)
        pointer.initialize(repeating: 0, count: secretKeyByteCount)
        return pointer
    }

    /// A new key from the system's secure random source.
    /// The corresponding C function is `crypto_sign_keypair`.
    public static func generate() -> SigningKey {
        Sodium.ensureInitialized()
        let secretKey = allocateSecretKey()
        let publicKey = Bytes32.filling { _ = crypto_sign_keypair($0, secretKey) }
        return SigningKey(secretKey: secretKey, publicKey: PublicKey(storage: publicKey))
    }

    /// The key determined by a 32-byte seed (RFC 8032's "private key").
    /// The corresponding C function is `crypto_sign_seed_keypair`.
    public init(seed: some Collection<UInt8>) throws(KeyError) {
        guard seed.count == Self.seedByteCount else {
            throw .wrongLength(expected: Self.seedByteCount, actual: seed.count)
        }
        Sodium.ensureInitialized()
        let secretKey = Self.allocateSecretKey()
        // libsodium hashes the seed into the secret key buffer before copying it there, so the
        // seed needs a buffer of its own; it is wiped as soon as the key pair exists.
        let seedBuffer = UnsafeMutablePointer<UInt8>.allocate(capacity: Self.seedByteCount)
        seedBuffer.initialize(repeating: 0, count: Self.seedByteCount)
        defer {
            sodium_memzero(seedBuffer, Self.seedByteCount)
            seedBuffer.deallocate()
        }
        for (index, byte) in zip(0..<Self.seedByteCount, seed) {
            seedBuffer[index] = byte
        }
        let publicKey = Bytes32.filling { _ = crypto_sign_seed_keypair($0, secretKey, seedBuffer) }
        self.secretKey = secretKey
        self.publicKey = PublicKey(storage: publicKey)
    }

    deinit {
        sodium_memzero(secretKey, Self.secretKeyByteCount)
        secretKey.deallocate()
    }

    /// The Ed25519 signature of `message` (deterministic: the same key and message always give
    /// the same signature).
    /// The corresponding C function is `crypto_sign_detached`.
    public func signature(for message: some Collection<UInt8>) -> Signature {
        withContiguousBytes(of: message) { signature(forBytes: $0) }
    }

    /// The signature of the bytes of `message`, without copying them.
    func signature(forBytes message: UnsafeRawBufferPointer) -> Signature {
        Sodium.ensureInitialized()
        let storage = Bytes64.filling { signatureBytes in
            _ = crypto_sign_detached(
                signatureBytes,
                nil,
                message.baseAddress?.assumingMemoryBound(to: UInt8.self),
                UInt64(message.count),
                secretKey)
        }
        return Signature(storage: storage)
    }

    /// Calls `body` with the 32 secret seed bytes, for writing the key file. The buffer is valid
    /// only during the call; do not keep it or copy it anywhere that is not wiped.
    public func withSeedBytes<R, E: Error>(
        _ body: (UnsafeRawBufferPointer) throws(E) -> R
    ) throws(E) -> R {
        try body(UnsafeRawBufferPointer(start: secretKey, count: Self.seedByteCount))
    }

    /// Calls `body` with libsodium's 64-byte secret key (seed then public key), for deriving other
    /// secrets from it. The buffer is valid only during the call; do not keep or copy it.
    func withSecretKeyBytes<R>(_ body: (UnsafePointer<UInt8>) -> R) -> R {
        body(UnsafePointer(secretKey))
    }

    /// Names the key by its public key; never shows the secret.
    public var description: String { "SigningKey(publicKey: \(publicKey.hex))" }
}
