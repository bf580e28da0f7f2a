import CSodium

/// An AEAD from libsodium in combined mode (ciphertext followed by the 16-byte tag):
/// ChaCha20-Poly1305 of RFC 8439 with a 12-byte nonce, or XChaCha20-Poly1305 with a 24-byte nonce.
package struct AEAD: Sendable {
    /// The C encryption function's shape, shared by both algorithms.
    package typealias Encrypt =
        @Sendable (
            UnsafeMutablePointer<UInt8>, UnsafeMutablePointer<UInt64>?, UnsafePointer<UInt8>?,
            UInt64,
            UnsafePointer<UInt8>?, UInt64, UnsafePointer<UInt8>?, UnsafePointer<UInt8>,
            UnsafePointer<UInt8>
        ) -> Int32
    /// The C decryption function's shape, shared by both algorithms.
    package typealias Decrypt =
        @Sendable (
            UnsafeMutablePointer<UInt8>?, UnsafeMutablePointer<UInt64>?,
            UnsafeMutablePointer<UInt8>?,
            UnsafePointer<UInt8>, UInt64, UnsafePointer<UInt8>?, UInt64, UnsafePointer<UInt8>,
            UnsafePointer<UInt8>
        ) -> Int32

    /// Key length in bytes.
    package let keyByteCount = 32
    /// Tag length in bytes.
    package static let tagByteCount = 16
    /// Nonce length in bytes.
    package let nonceByteCount: Int
    private let encrypt: Encrypt
    private let decrypt: Decrypt

    /// ChaCha20-Poly1305 of RFC 8439, 12-byte nonce.
    /// The corresponding C functions are `crypto_aead_chacha20poly1305_ietf_encrypt` and `_decrypt`.
    package static let chaCha20Poly1305 = AEAD(
        nonceByteCount: Int(crypto_aead_chacha20poly1305_ietf_NPUBBYTES),
        encrypt: { crypto_aead_chacha20poly1305_ietf_encrypt($0, $1, $2, $3, $4, $5, $6, $7, $8) },
        decrypt: { crypto_aead_chacha20poly1305_ietf_decrypt($0, $1, $2, $3, $4, $5, $6, $7, $8) })

    /// XChaCha20-Poly1305, 24-byte nonce.
    /// The corresponding C functions are `crypto_aead_xchacha20poly1305_ietf_encrypt` and `_decrypt`.
    package static let xChaCha20Poly1305 = AEAD(
        nonceByteCount: Int(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES),
        encrypt: { crypto_aead_xchacha20poly1305_ietf_encrypt($0, $1, $2, $3, $4, $5, $6, $7, $8) },
        decrypt: { crypto_aead_xchacha20poly1305_ietf_decrypt($0, $1, $2, $3, $4, $5, $6, $7, $8) })

    /// Encrypts and authenticates `plaintext`: ciphertext ‖ tag.
    package func seal(
        _ plaintext: UnsafeRawBufferPointer, key: UnsafeRawBufferPointer, nonce: [UInt8],
        associatedData: [UInt8] = []
    ) -> [UInt8] {
        precondition(
            key.count == keyByteCount && nonce.count == nonceByteCount, "AEAD key or nonce size")
        Sodium.ensureInitialized()
        let capacity = plaintext.count + Self.tagByteCount
        return [UInt8](unsafeUninitializedCapacity: capacity) { output, initialized in
            var length: UInt64 = 0
            guard let outputBase = output.baseAddress, let keyBase = key.bytePointer else { return }
            nonce.withUnsafeBufferPointer { nonceBytes in
                associatedData.withUnsafeBufferPointer { ad in
                    guard let nonceBase = nonceBytes.baseAddress else { return }
                    _ = encrypt(
                        outputBase, &length, plaintext.bytePointer, UInt64(plaintext.count),
                        ad.baseAddress,
                        UInt64(ad.count), nil, nonceBase, keyBase)
                }
            }
            initialized = Int(length)
        }
    }

    /// Checks and decrypts `ciphertext` (ciphertext ‖ tag); nil when it does not authenticate.
    package func open(
        _ ciphertext: UnsafeRawBufferPointer, key: UnsafeRawBufferPointer, nonce: [UInt8],
        associatedData: [UInt8] = []
    ) -> [UInt8]? {
        precondition(
            key.count == keyByteCount && nonce.count == nonceByteCount, "AEAD key or nonce size")
        guard ciphertext.count >= Self.tagByteCount, let ciphertextBase = ciphertext.bytePointer,
            let keyBase = key.bytePointer
        else { return nil }
        Sodium.ensureInitialized()
        var succeeded = false
        // At least one byte of capacity so that the output pointer is never nil.
        let capacity = max(ciphertext.count - Self.tagByteCount, 1)
        let plaintext = [UInt8](unsafeUninitializedCapacity: capacity) { output, initialized in
            var length: UInt64 = 0
            nonce.withUnsafeBufferPointer { nonceBytes in
                associatedData.withUnsafeBufferPointer { ad in
                    guard let nonceBase = nonceBytes.baseAddress else { return }
                    succeeded =
                        decrypt(
                            output.baseAddress, &length, nil, ciphertextBase,
                            UInt64(ciphertext.count),
                            ad.baseAddress, UInt64(ad.count), nonceBase, keyBase) == 0
                }
            }
            initialized = succeeded ? Int(length) : 0
        }
        return succeeded ? plaintext : nil
    }
}

extension UnsafeRawBufferPointer {
    /// The start of the buffer as a byte pointer, for C calls.
    package var bytePointer: UnsafePointer<UInt8>? {
        baseAddress?.assumingMemoryBound(to: UInt8.self)
    }
}
