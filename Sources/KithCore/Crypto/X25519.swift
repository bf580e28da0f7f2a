import CSodium

/// The X25519 operations private messages need (RFC 7748), and the conversion of Ed25519 keys to
/// their X25519 form. Every secret passes through buffers that are wiped after use.
enum X25519 {
    /// The length of X25519 keys and shared secrets.
    static let byteCount = 32

    /// The public key of a 32-byte secret scalar, or nil if it is not 32 bytes.
    /// The corresponding C function is `crypto_scalarmult_base`.
    static func publicKey(secret: [UInt8]) -> [UInt8]? {
        guard secret.count == byteCount else { return nil }
        Sodium.ensureInitialized()
        var output = [UInt8](repeating: 0, count: byteCount)
        let result = crypto_scalarmult_base(&output, secret)
        return result == 0 ? output : nil
    }

    /// `X25519(secret, peer)`, or nil when a length is wrong or the result is all zero (a peer
    /// key of small order). The caller wipes the result.
    /// The corresponding C function is `crypto_scalarmult`.
    static func sharedSecret(secret: [UInt8], peer: [UInt8]) -> [UInt8]? {
        guard secret.count == byteCount, peer.count == byteCount else { return nil }
        Sodium.ensureInitialized()
        var output = [UInt8](repeating: 0, count: byteCount)
        guard crypto_scalarmult(&output, secret, peer) == 0 else {
            SecureMemory.wipe(&output)
            return nil
        }
        return output
    }

    /// The X25519 (Montgomery) form of an Ed25519 public key, or nil when the key is not a valid
    /// point. The corresponding C function is `crypto_sign_ed25519_pk_to_curve25519`.
    static func publicKey(converting key: PublicKey) -> [UInt8]? {
        Sodium.ensureInitialized()
        let edwards = key.bytes
        var output = [UInt8](repeating: 0, count: byteCount)
        let result = crypto_sign_ed25519_pk_to_curve25519(&output, edwards)
        return result == 0 ? output : nil
    }

    /// The X25519 secret scalar of an Ed25519 signing key. The caller wipes the result.
    /// The corresponding C function is `crypto_sign_ed25519_sk_to_curve25519`.
    static func secretKey(converting key: SigningKey) -> [UInt8] {
        Sodium.ensureInitialized()
        var output = [UInt8](repeating: 0, count: byteCount)
        key.withSecretKeyBytes { secret in
            _ = crypto_sign_ed25519_sk_to_curve25519(&output, secret)
        }
        return output
    }
}
