import KithCore

/// Encrypts payloads into frames for one direction of a session (sessions.md, "Frames").
/// Each frame uses two nonces of the direction's counter; the counter never wraps.
public struct FrameEncoder: Sendable {
    private let key: SecretBytes

    /// The counter of the next frame's header nonce; nil once the stream is exhausted.
    public private(set) var nextNonceCounter: UInt64?

    init(key: SecretBytes, nextNonceCounter: UInt64 = 0) {
        self.key = key
        self.nextNonceCounter = nextNonceCounter
    }

    /// The frame carrying `payload`: encrypted header, then encrypted body.
    /// - Throws: ``FrameError/frameTooLarge(byteCount:)`` for more than 65,536 bytes,
    ///   ``FrameError/nonceExhausted`` when the counter cannot advance.
    public mutating func encode(_ payload: some Collection<UInt8>) throws(FrameError) -> [UInt8] {
        guard payload.count <= FrameFormat.maximumPayloadByteCount else {
            throw .frameTooLarge(byteCount: payload.count)
        }
        guard let counter = nextNonceCounter, FrameFormat.canStartFrame(at: counter) else {
            throw .nonceExhausted
        }
        var length: [UInt8] = []
        length.appendBigEndian(UInt32(payload.count))
        let headerNonce = FrameFormat.nonce(counter)
        let bodyNonce = FrameFormat.nonce(counter + 1)
        let body = Array(payload)
        var frame = key.withUnsafeBytes { keyBytes in
            length.withUnsafeBytes {
                AEAD.chaCha20Poly1305.seal($0, key: keyBytes, nonce: headerNonce)
            }
        }
        frame += key.withUnsafeBytes { keyBytes in
            body.withUnsafeBytes { AEAD.chaCha20Poly1305.seal($0, key: keyBytes, nonce: bodyNonce) }
        }
        nextNonceCounter = FrameFormat.counter(afterFrameAt: counter)
        return frame
    }
}
