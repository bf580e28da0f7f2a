import KithCore

/// The opened text of a private message (content.md, `private`) the node can read: it is its
/// sender or its recipient. Sent with the entry on the owner-only control socket; the keys are
/// 64 hex digits on the wire.
public struct ControlPrivateMessage: Sendable, Equatable {
    /// The sender: the entry's author.
    public var sender: PublicKey
    /// The recipient.
    public var recipient: PublicKey
    /// The text.
    public var text: String

    /// An opened message with every field given.
    public init(sender: PublicKey, recipient: PublicKey, text: String) {
        self.sender = sender
        self.recipient = recipient
        self.text = text
    }
}

extension ControlPrivateMessage: Codable {
    private enum CodingKeys: String, CodingKey {
        case sender, recipient, text
    }

    /// Reads the object; the keys must be 64 hex digits.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func key(_ field: CodingKeys) throws -> PublicKey {
            guard let key = try? PublicKey(hex: try container.decode(String.self, forKey: field))
            else {
                throw DecodingError.dataCorruptedError(
                    forKey: field, in: container, debugDescription: "not 64 hex digits")
            }
            return key
        }
        sender = try key(.sender)
        recipient = try key(.recipient)
        text = try container.decode(String.self, forKey: .text)
    }

    /// Writes the object, keys as hex.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(sender.hex, forKey: .sender)
        try container.encode(recipient.hex, forKey: .recipient)
        try container.encode(text, forKey: .text)
    }
}
