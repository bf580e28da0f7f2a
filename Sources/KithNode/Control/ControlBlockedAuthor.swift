/// An author blocked on this node (Protocol/control.md, `block`).
public struct ControlBlockedAuthor: Codable, Sendable, Equatable {
    /// The author's public key, 64 hex digits.
    public var publicKey: String
    /// Its fingerprint, full form.
    public var fingerprint: String

    /// A blocked author with every field given.
    public init(publicKey: String, fingerprint: String) {
        self.publicKey = publicKey
        self.fingerprint = fingerprint
    }
}
