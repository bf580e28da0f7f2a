/// The short code people compare to check a public key (identity.md): the first 8 bytes of
/// `BLAKE2b-256(public key)` as four groups of four hex digits, e.g. `3f2a-9c01-7be4-55d0`.
///
/// A fingerprint is for people. It is never an identifier: the public key is.
public struct Fingerprint: Hashable, Sendable, CustomStringConvertible {
    /// The first 8 bytes of the key's BLAKE2b-256 digest, read big-endian.
    public let value: UInt64

    /// The fingerprint of `key`.
    public init(_ key: PublicKey) {
        value = key.storage.withUnsafeBytes { Blake2b.digest256($0) }.w0
    }

    /// The full form, four groups: `3f2a-9c01-7be4-55d0` (64 bits, read aloud to check a key).
    public var full: String { groups(4) }

    /// The short form, the first two groups: `3f2a-9c01` (shown beside display names).
    public var short: String { groups(2) }

    /// The full form.
    public var description: String { full }

    /// The first `count` groups of four hex digits, joined by "-".
    private func groups(_ count: Int) -> String {
        let hex = String(value, radix: 16)
        let digits = Array(String(repeating: "0", count: 16 - hex.count) + hex)
        return (0..<count).map { String(digits[$0 * 4..<$0 * 4 + 4]) }.joined(separator: "-")
    }
}
