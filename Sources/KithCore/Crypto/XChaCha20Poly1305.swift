import CSodium

/// XChaCha20-Poly1305 (IETF construction with a 24-byte nonce), as libsodium computes it.
enum XChaCha20Poly1305 {
    /// The key length.
    static let keyByteCount = Int(crypto_aead_xchacha20poly1305_ietf_KEYBYTES)
    /// The nonce length.
    static let nonceByteCount = Int(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES)
    /// The length of the authentication tag appended to the ciphertext.
    static let tagByteCount = Int(crypto_aead_xchacha20poly1305_ietf_ABYTES)

    /// The ciphertext and tag of `plaintext`. Key and nonce lengths are checked by the caller.
    /// The corresponding C function is `crypto_aead_xchacha20poly1305_ietf_encrypt`.
    static func seal(
        key: [UInt8], nonce: [UInt8], plaintext: [UInt8], associatedData: [UInt8]
    ) -> [UInt8] {
        precondition(key.count == keyByteCount && nonce.count == nonceByteCount)
        Sodium.ensureInitialized()
        var output = [UInt8](repeating: 0, count: plaintext.count + tagByteCount)
        var written: UInt64 = 0
        _ = crypto_aead_xchacha20poly1305_ietf_encrypt(
            &output, &written, plaintext, UInt64(plaintext.count), associatedData,
            UInt64(associatedData.count), nil, nonce, key)
        return output
    }

    /// The plaintext, or nil when the tag does not verify or a length is wrong. The caller wipes
    /// the result. The corresponding C function is `crypto_aead_xchacha20poly1305_ietf_decrypt`.
    static func open(
        key: [UInt8], nonce: [UInt8], ciphertext: [UInt8], associatedData: [UInt8]
    ) -> [UInt8]? {
        guard key.count == keyByteCount, nonce.count == nonceByteCount,
            ciphertext.count >= tagByteCount
        else { return nil }
        Sodium.ensureInitialized()
        var output = [UInt8](repeating: 0, count: ciphertext.count - tagByteCount)
        var written: UInt64 = 0
        let result = crypto_aead_xchacha20poly1305_ietf_decrypt(
            &output, &written, nil, ciphertext, UInt64(ciphertext.count), associatedData,
            UInt64(associatedData.count), nonce, key)
        return result == 0 ? output : nil
    }
}
