/// The name of a channel, without its `#` (content.md): 1 to 64 bytes of UTF-8 made of `a`–`z`,
/// `0`–`9`, `-`, `_`, `.`, and non-ASCII letters, marks and digits.
///
/// Names are compared, hashed and ordered by their UTF-8 bytes, with no Unicode normalization:
/// two names are the same channel exactly when their bytes are equal.
public struct ChannelName: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The longest name, in UTF-8 bytes.
    public static let maxByteCount = 64

    /// The default channel, `general`.
    public static let general = ChannelName(unchecked: "general")

    /// The name, without `#`.
    public let name: String

    private init(unchecked name: String) {
        self.name = name
    }

    /// A channel name exactly as given; it must already follow the rules (no `#`, no uppercase
    /// ASCII).
    public init(_ name: String) throws(ContentError) {
        try Self.check(byteCount: name.utf8.count)
        if let scalar = name.unicodeScalars.first(where: { !Self.isAllowed($0) }) {
            throw .invalidChannelCharacter(scalar)
        }
        self.name = name
    }

    /// A channel name as a person types it: one leading `#` is removed and ASCII letters are
    /// lowercased, then the rules apply (`#General` becomes `general`).
    public init(userInput: String) throws(ContentError) {
        var scalars = Substring(userInput).unicodeScalars
        if scalars.first == "#" { scalars.removeFirst() }
        var lowered = String.UnicodeScalarView()
        for scalar in scalars {
            if ("A"..."Z").contains(scalar), let lower = Unicode.Scalar(scalar.value + 0x20) {
                lowered.append(lower)
            } else {
                lowered.append(scalar)
            }
        }
        try self.init(String(lowered))
    }

    /// A channel name from the UTF-8 bytes of a post.
    init(decoding bytes: some Collection<UInt8>) throws(ContentError) {
        try Self.check(byteCount: bytes.count)
        switch UTF8Scan.scan(bytes, rejecting: { !Self.isAllowed($0) }) {
        case .valid: name = String(decoding: bytes, as: UTF8.self)
        case .invalidUTF8: throw .invalidUTF8(.channel)
        case .rejected(let scalar): throw .invalidChannelCharacter(scalar)
        }
    }

    private static func check(byteCount: Int) throws(ContentError) {
        guard byteCount > 0 else { throw .emptyChannel }
        guard byteCount <= maxByteCount else { throw .channelTooLong(byteCount) }
    }

    /// Whether `scalar` may appear in a channel name: ASCII `a`–`z`, `0`–`9`, `-`, `_`, `.`, or a
    /// non-ASCII scalar whose Unicode General Category is a letter (L*), mark (M*) or number (N*).
    public static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            switch scalar {
            case "a"..."z", "0"..."9", "-", "_", ".": return true
            default: return false
            }
        }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .nonspacingMark, .spacingMark, .enclosingMark,
            .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return false
        }
    }

    /// The name's UTF-8 bytes.
    public var utf8Bytes: [UInt8] { Array(name.utf8) }

    /// The name as people see it: `#general`.
    public var description: String { "#" + name }

    /// Names are equal when their UTF-8 bytes are.
    public static func == (lhs: ChannelName, rhs: ChannelName) -> Bool {
        lhs.name.hasSameBytes(as: rhs.name)
    }

    /// Hashes the name's UTF-8 bytes.
    public func hash(into hasher: inout Hasher) {
        name.hashBytes(into: &hasher)
    }

    /// Orders names by their UTF-8 bytes.
    public static func < (lhs: ChannelName, rhs: ChannelName) -> Bool {
        lhs.name.precedesByBytes(rhs.name)
    }
}
