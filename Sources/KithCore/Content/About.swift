/// The author's display name: content type `about` (content.md). The whole content is the name.
/// The latest `about` in an author's chain is their name in that community.
public struct About: Hashable, Sendable {
    /// The display name.
    public private(set) var name: DisplayName

    /// An about that sets `name`.
    public init(name: DisplayName) {
        self.name = name
    }

    /// Reads an about from content bytes.
    public init(decoding content: some Collection<UInt8>) throws(ContentError) {
        name = try DisplayName(decoding: content)
    }

    /// The about's content bytes: the name's UTF-8.
    public func encoded() -> [UInt8] {
        Array(name.name.utf8)
    }
}
