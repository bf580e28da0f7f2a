import KithCore

/// One line of the block list (Protocol/blocklist.md): an author whose chains the node refuses,
/// with an optional comment kept for the person who reads the file.
public struct BlockedAuthor: Hashable, Sendable {
    /// The blocked author's public key.
    public let key: PublicKey
    /// Free text after the key (a name, a reason), or nil. Never holds a line feed.
    public let comment: String?

    /// The entry for `key`. Line breaks and other control characters in `comment` become spaces
    /// so that the comment stays on the key's line; an empty comment is none.
    public init(key: PublicKey, comment: String? = nil) {
        self.key = key
        let cleaned = comment.map { text in
            String(
                String.UnicodeScalarView(
                    text.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : $0 }
                ))
        }
        self.comment = cleaned?.isEmpty == false ? cleaned : nil
    }
}
