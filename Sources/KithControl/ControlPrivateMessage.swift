/// The opened text of a private message (content.md, `private`) the node can read: it is its
/// sender or its recipient. Sent with the entry on the owner-only control socket.
public struct ControlPrivateMessage: Codable, Sendable, Equatable {
    /// The sender's public key, 64 hex digits (the entry's author).
    public var sender: String
    /// The recipient's public key, 64 hex digits.
    public var recipient: String
    /// The text.
    public var text: String

    /// An opened message with every field given.
    public init(sender: String, recipient: String, text: String) {
        self.sender = sender
        self.recipient = recipient
        self.text = text
    }
}
