/// The `u16` code that says how an entry's content is read (content.md). Codes are never reused;
/// unknown codes are valid and carried unchanged.
public struct ContentType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The code as written in the entry.
    public var rawValue: UInt16

    /// The type with code `rawValue`, known or not.
    public init(rawValue: UInt16) {
        self.rawValue = rawValue
    }

    /// `0x0001`: a text message to a named channel.
    public static let post = ContentType(rawValue: 0x0001)

    /// `0x0002`: the author's display name.
    public static let about = ContentType(rawValue: 0x0002)

    /// `0x0003`: a private message, end-to-end encrypted to one recipient.
    public static let privateMessage = ContentType(rawValue: 0x0003)

    /// `0x0004`: a channel's topic.
    public static let topic = ContentType(rawValue: 0x0004)

    /// `"post"`, `"about"`, `"private"`, `"topic"`, or nil for a code this version does not know.
    public var name: String? {
        switch self {
        case .post: "post"
        case .about: "about"
        case .privateMessage: "private"
        case .topic: "topic"
        default: nil
        }
    }

    /// Whether the code is in the experimental range `0xff00`–`0xffff` (never shipped).
    public var isExperimental: Bool { rawValue >= 0xff00 }

    /// The name, or the code as `0x` and four hex digits when the type is unknown.
    public var description: String {
        if let name { return name }
        let hex = String(rawValue, radix: 16)
        return "0x" + String(repeating: "0", count: 4 - hex.count) + hex
    }
}
