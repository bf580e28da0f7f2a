/// Where Kith gets its random bytes (nonces, ephemeral keys, boot ids). Production code
/// uses ``SystemRandomSource``; tests pass a source of fixed bytes so that outputs are reproducible.
///
/// Passed `inout`, like `RandomNumberGenerator` in the standard library. The convention: code that
/// needs secret or unpredictable bytes (ephemeral keys, nonces, private messages) takes
/// `using random: inout some RandomSource`, with an overload for the system source where callers
/// never need another; `SecureRandom` is the backend under ``SystemRandomSource``.
public protocol RandomSource {
    /// Returns `count` bytes.
    mutating func bytes(_ count: Int) -> [UInt8]
}

/// Random bytes from the operating system's secure random source (`SecureRandom`).
public struct SystemRandomSource: RandomSource, Sendable {
    /// A system random source; it holds no state.
    public init() {}

    /// `count` bytes from `SecureRandom`.
    /// The corresponding C function is `randombytes_buf`.
    public mutating func bytes(_ count: Int) -> [UInt8] {
        SecureRandom.bytes(count)
    }
}
