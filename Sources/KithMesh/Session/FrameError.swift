/// Why a frame could not be sent or received. Every receive error ends the stream for good.
public enum FrameError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A payload longer than 65,536 bytes: refused by a sender, or declared by a received header
    /// (detected before the body is awaited).
    case frameTooLarge(byteCount: Int)
    /// A header or body did not authenticate: the stream was damaged, reordered or forged.
    case authenticationFailed
    /// The nonce counter cannot advance any further; the session must end.
    case nonceExhausted

    /// A sentence that says what went wrong.
    public var description: String {
        switch self {
        case .frameTooLarge(let byteCount):
            "frame payload of \(byteCount) bytes exceeds the maximum of \(FrameFormat.maximumPayloadByteCount)"
        case .authenticationFailed:
            "frame does not authenticate: the stream was damaged or forged"
        case .nonceExhausted:
            "frame nonce counter exhausted; the session must be restarted"
        }
    }
}
