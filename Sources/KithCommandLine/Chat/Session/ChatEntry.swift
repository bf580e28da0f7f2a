import KithCore

/// An entry as `kith chat` receives it from its node: the signed entry and what the node adds.
public struct ChatEntry: Sendable, Equatable {
    /// The signed entry (already checked against its id).
    public let entry: Entry
    /// The author's display name in the entry's community, when the node's log holds one.
    public let authorName: String?
    /// Whether the node itself wrote it.
    public let isOwn: Bool
    /// The opened text, when the entry is a private message the node sent or received.
    public let privateText: ChatPrivateText?

    /// An entry with what the node said about it.
    public init(entry: Entry, authorName: String?, isOwn: Bool, privateText: ChatPrivateText?) {
        self.entry = entry
        self.authorName = authorName
        self.isOwn = isOwn
        self.privateText = privateText
    }
}

/// The opened text of a private message (Protocol/content.md, `private`).
public struct ChatPrivateText: Sendable, Equatable {
    /// Who sent it: the entry's author.
    public let sender: PublicKey
    /// Who it is for.
    public let recipient: PublicKey
    /// The text.
    public let text: String

    /// An opened private message.
    public init(sender: PublicKey, recipient: PublicKey, text: String) {
        self.sender = sender
        self.recipient = recipient
        self.text = text
    }
}
