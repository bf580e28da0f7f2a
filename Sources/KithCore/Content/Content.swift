/// An entry's content read as its type says (content.md).
public enum Content: Hashable, Sendable {
    /// A well-formed post.
    case post(Post)
    /// A well-formed about.
    case about(About)
    /// A well-formed private message, still sealed: only its recipient and its sender can open it
    /// (`PrivateMessage.open`).
    case `private`(SealedPrivateMessage)
    /// A well-formed topic: sets (or, with empty text, clears) a channel's topic.
    case topic(Topic)
    /// A content type this version does not know: valid, kept and relayed, shown as unknown.
    case unknown(ContentType)
    /// Content that does not follow its type's layout: the entry stays valid, the content is shown
    /// as malformed and nothing is indexed from it.
    case malformed(ContentType, ContentError)

    /// Reads `bytes` as content of type `type`.
    public init(type: ContentType, bytes: some Collection<UInt8>) {
        do throws(ContentError) {
            switch type {
            case .post: self = .post(try Post(decoding: bytes))
            case .about: self = .about(try About(decoding: bytes))
            case .privateMessage: self = .private(try SealedPrivateMessage(decoding: bytes))
            case .topic: self = .topic(try Topic(decoding: bytes))
            default: self = .unknown(type)
            }
        } catch {
            self = .malformed(type, error)
        }
    }

    /// The content type.
    public var type: ContentType {
        switch self {
        case .post: .post
        case .about: .about
        case .private: .privateMessage
        case .topic: .topic
        case .unknown(let type), .malformed(let type, _): type
        }
    }
}
