import KithCore

/// The sizes and nonces of session frames (sessions.md, "Frames"): a 20-byte encrypted header
/// holding the payload length, then the encrypted payload with its tag.
public enum FrameFormat {
    /// The largest payload of one frame: 65,536 bytes (64 KiB).
    public static let maximumPayloadByteCount = 65_536

    /// The encrypted header: a 4-byte length and a 16-byte tag.
    public static let headerByteCount = 4 + tagByteCount

    /// The Poly1305 tag after each encrypted part.
    public static let tagByteCount = 16

    /// The largest frame on the wire: 65,572 bytes.
    public static let maximumFrameByteCount =
        headerByteCount + maximumPayloadByteCount + tagByteCount

    /// The wire size of a frame carrying `payloadByteCount` bytes.
    public static func frameByteCount(payloadByteCount: Int) -> Int {
        headerByteCount + payloadByteCount + tagByteCount
    }

    /// `nonce(c)`: the 96-bit big-endian encoding of `counter` (4 zero bytes, then `counter` as u64).
    static func nonce(_ counter: UInt64) -> [UInt8] {
        var nonce: [UInt8] = [0, 0, 0, 0]
        nonce.appendBigEndian(counter)
        return nonce
    }

    /// Whether a frame can start at `counter`: it needs `counter` and `counter + 1`.
    static func canStartFrame(at counter: UInt64) -> Bool {
        counter < UInt64.max
    }

    /// The counter after a frame that started at `counter`: `counter + 2`, or nil when that passes
    /// `2^64 - 1`. The counter never wraps: nil means the stream is exhausted.
    static func counter(afterFrameAt counter: UInt64) -> UInt64? {
        counter <= UInt64.max - 2 ? counter + 2 : nil
    }
}
