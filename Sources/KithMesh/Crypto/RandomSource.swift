import KithCore

/// Where the mesh protocol gets its random bytes (nonces, ephemeral keys, boot ids). Production code
/// uses ``SystemRandomSource``; tests pass a source of fixed bytes so that outputs are reproducible.
///
/// Passed `inout`, like `RandomNumberGenerator` in the standard library.
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
