/// A private message after decryption: who wrote it, who it is for, and the text.
public struct OpenedPrivateMessage: Hashable, Sendable {
    /// The entry's author, whose key the message is bound to.
    public let sender: PublicKey
    /// The key the sender encrypted the message to.
    public let recipient: PublicKey
    /// The message text.
    public let text: String
}
