import CSodium

/// X25519 (RFC 7748) and the conversions from Ed25519 keys, as libsodium computes them: for the
/// session handshake (KithMesh) and private messages (content.md). Every secret is a
/// ``SecretBytes``, wiped when it is released.
package enum X25519 {
    /// The length of X25519 secrets, public keys and shared secrets in bytes.
    package static let byteCount = 32

    /// The public key `X25519(secret, 9)` of a 32-byte secret.
    /// The corresponding C function is `crypto_scalarmult_base`.
    package static func publicKey(forSecret secret: SecretBytes) -> [UInt8] {
        precondition(secret.count == byteCount, "an X25519 secret is 32 bytes")
        Sodium.ensureInitialized()
        var publicKey = [UInt8](repeating: 0, count: byteCount)
        secret.withBytePointer { _ = crypto_scalarmult_base(&publicKey, $0) }
        return publicKey
    }

    /// The shared secret `X25519(secret, publicKey)`, or nil when it is all zero (the public key
    /// has small order) or the public key is not 32 bytes.
    /// The corresponding C function is `crypto_scalarmult`.
    package static func sharedSecret(secret: SecretBytes, publicKey: [UInt8]) -> SecretBytes? {
        guard secret.count == byteCount, publicKey.count == byteCount else { return nil }
        Sodium.ensureInitialized()
        var result: Int32 = -1
        let shared = SecretBytes(count: byteCount) { output in
            secret.withBytePointer { result = crypto_scalarmult(output, $0, publicKey) }
        }
        return result == 0 ? shared : nil
    }

    /// The X25519 public key of an Ed25519 public key, or nil when the key is not a valid point or
    /// has small order.
    /// The corresponding C function is `crypto_sign_ed25519_pk_to_curve25519`.
    package static func publicKey(fromEd25519 key: PublicKey) -> [UInt8]? {
        Sodium.ensureInitialized()
        var converted = [UInt8](repeating: 0, count: byteCount)
        let result = crypto_sign_ed25519_pk_to_curve25519(&converted, key.bytes)
        return result == 0 ? converted : nil
    }

    /// The X25519 secret scalar of an Ed25519 signing key: the first half of SHA-512 of its seed,
    /// clamped.
    /// The corresponding C function is `crypto_sign_ed25519_sk_to_curve25519`.
    package static func secret(fromEd25519 key: SigningKey) -> SecretBytes {
        Sodium.ensureInitialized()
        return SecretBytes(count: byteCount) { output in
            key.withSecretKeyBytes { _ = crypto_sign_ed25519_sk_to_curve25519(output, $0) }
        }
    }
}

/// An X25519 key pair used once: for one handshake, or one private message.
package struct EphemeralKeyPair: Sendable {
    /// The 32 secret bytes, wiped when the last copy of this pair is released.
    package let secret: SecretBytes
    /// `X25519(secret, 9)`.
    package let publicKey: [UInt8]

    /// A key pair whose secret is the next 32 bytes of `random`.
    package init(using random: inout some RandomSource) {
        var secretBytes = random.bytes(X25519.byteCount)
        precondition(
            secretBytes.count == X25519.byteCount,
            "the random source gave the wrong number of bytes")
        secret = SecretBytes(takingAndWiping: &secretBytes)
        publicKey = X25519.publicKey(forSecret: secret)
    }
}
