import KithCore

/// Decrypts the frames of one direction of a session (sessions.md, "Frames"), in the shape of a
/// NIO byte-to-message decoder: ``decode(buffer:)`` returns one payload, or nil when it needs more
/// bytes. The declared length is checked against the maximum as soon as the header is read, before
/// the body is awaited. The first error ends the stream: every later call throws it again.
public struct FrameDecoder: Sendable {
    private let key: SecretBytes

    /// The counter of the next header nonce expected; nil once the stream is exhausted.
    public private(set) var nextNonceCounter: UInt64?

    /// The payload length of a frame whose header was read and whose body has not fully arrived.
    public private(set) var pendingPayloadByteCount: Int?

    private var failure: FrameError?

    init(key: SecretBytes, nextNonceCounter: UInt64 = 0) {
        self.key = key
        self.nextNonceCounter = nextNonceCounter
    }

    /// The next payload from `buffer`, consuming its frame; nil when `buffer` does not yet hold the
    /// whole frame (the header may have been consumed already; the body is awaited).
    /// - Throws: ``FrameError/authenticationFailed`` for a damaged or forged frame,
    ///   ``FrameError/frameTooLarge(byteCount:)`` when a header declares more than 65,536 bytes,
    ///   ``FrameError/nonceExhausted`` when the counter cannot advance.
    public mutating func decode(buffer: inout ReceiveBuffer) throws(FrameError) -> [UInt8]? {
        if let failure { throw failure }
        do {
            return try decodeFrame(buffer: &buffer)
        } catch {
            failure = error
            throw error
        }
    }

    private mutating func decodeFrame(buffer: inout ReceiveBuffer) throws(FrameError) -> [UInt8]? {
        if pendingPayloadByteCount == nil {
            guard buffer.readableBytes >= FrameFormat.headerByteCount else { return nil }
            guard let counter = nextNonceCounter, FrameFormat.canStartFrame(at: counter) else {
                throw .nonceExhausted
            }
            let nonce = FrameFormat.nonce(counter)
            let header = key.withUnsafeBytes { keyBytes in
                buffer.readWithUnsafeBytes(FrameFormat.headerByteCount) {
                    AEAD.chaCha20Poly1305.open($0, key: keyBytes, nonce: nonce)
                }
            }
            guard let header = header ?? nil, let length = header.readBigEndian(UInt32.self, at: 0)
            else {
                throw .authenticationFailed
            }
            guard length <= FrameFormat.maximumPayloadByteCount else {
                throw .frameTooLarge(byteCount: Int(length))
            }
            pendingPayloadByteCount = Int(length)
        }
        guard let payloadByteCount = pendingPayloadByteCount, let counter = nextNonceCounter else {
            return nil
        }
        let bodyByteCount = payloadByteCount + FrameFormat.tagByteCount
        guard buffer.readableBytes >= bodyByteCount else { return nil }
        let nonce = FrameFormat.nonce(counter + 1)
        let payload = key.withUnsafeBytes { keyBytes in
            buffer.readWithUnsafeBytes(bodyByteCount) {
                AEAD.chaCha20Poly1305.open($0, key: keyBytes, nonce: nonce)
            }
        }
        guard let payload = payload ?? nil else { throw .authenticationFailed }
        pendingPayloadByteCount = nil
        nextNonceCounter = FrameFormat.counter(afterFrameAt: counter)
        return payload
    }
}
