/// An author blocked on this node (Protocol/control.md, `block`, `hide`).
public struct ControlBlockedAuthor: Codable, Sendable, Equatable {
    /// The author's public key, 64 hex digits.
    public var publicKey: String
    /// Its fingerprint, full form.
    public var fingerprint: String
    /// True when the node refuses the author's entries (`block`); false when they are only
    /// hidden from this node's user (`hide`) and still stored and relayed.
    public var refused: Bool

    /// A blocked author with every field given.
    public init(publicKey: String, fingerprint: String, refused: Bool) {
        self.publicKey = publicKey
        self.fingerprint = fingerprint
        self.refused = refused
    }
}
