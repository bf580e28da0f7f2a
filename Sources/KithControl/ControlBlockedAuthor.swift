import KithCore

/// An author blocked on this node (Protocol/control.md, `block`, `hide`).
public struct ControlBlockedAuthor: Sendable, Equatable {
    /// The author's public key.
    public var publicKey: PublicKey
    /// Its fingerprint, full form.
    public var fingerprint: String
    /// True when the node refuses the author's entries (`block`); false when they are only
    /// hidden from this node's user (`hide`) and still stored and relayed.
    public var refused: Bool

    /// A blocked author with every field given.
    public init(publicKey: PublicKey, fingerprint: String, refused: Bool) {
        self.publicKey = publicKey
        self.fingerprint = fingerprint
        self.refused = refused
    }
}

extension ControlBlockedAuthor: Codable {
    private enum CodingKeys: String, CodingKey {
        case publicKey, fingerprint, refused
    }

    /// Reads the object; `public_key` must be 64 hex digits.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        publicKey = try ControlKeyCoding.decode(.publicKey, in: container)
        fingerprint = try container.decode(String.self, forKey: .fingerprint)
        refused = try container.decode(Bool.self, forKey: .refused)
    }

    /// Writes the object, the key as hex.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(publicKey.hex, forKey: .publicKey)
        try container.encode(fingerprint, forKey: .fingerprint)
        try container.encode(refused, forKey: .refused)
    }
}
