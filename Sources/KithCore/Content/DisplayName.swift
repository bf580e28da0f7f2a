/// A person's display name (content.md, `about`): 1 to 64 bytes of UTF-8 with no control
/// characters (U+0000–U+001F, U+007F). Names are not unique and never identify anyone.
///
/// Names are compared and hashed by their UTF-8 bytes.
public struct DisplayName: Hashable, Sendable, CustomStringConvertible {
    /// The longest name, in UTF-8 bytes.
    public static let maxByteCount = 64

    /// The name.
    public let name: String

    /// A display name; it must follow the rules.
    public init(_ name: String) throws(ContentError) {
        try Self.check(byteCount: name.utf8.count)
        if let scalar = name.unicodeScalars.first(where: Self.isControl) {
            throw .nameControlCharacter(scalar)
        }
        self.name = name
    }

    /// A display name from the UTF-8 bytes of an `about`.
    init(decoding bytes: some Collection<UInt8>) throws(ContentError) {
        try Self.check(byteCount: bytes.count)
        switch UTF8Scan.scan(bytes, rejecting: Self.isControl) {
        case .valid: name = String(decoding: bytes, as: UTF8.self)
        case .invalidUTF8: throw .invalidUTF8(.name)
        case .rejected(let scalar): throw .nameControlCharacter(scalar)
        }
    }

    private static func check(byteCount: Int) throws(ContentError) {
        guard byteCount > 0 else { throw .emptyName }
        guard byteCount <= maxByteCount else { throw .nameTooLong(byteCount) }
    }

    /// Whether `scalar` is a control character a name may not hold: U+0000–U+001F or U+007F.
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || scalar.value == 0x7f
    }

    /// The name.
    public var description: String { name }

    /// Names are equal when their UTF-8 bytes are.
    public static func == (lhs: DisplayName, rhs: DisplayName) -> Bool {
        lhs.name.hasSameBytes(as: rhs.name)
    }

    /// Hashes the name's UTF-8 bytes.
    public func hash(into hasher: inout Hasher) {
        name.hashBytes(into: &hasher)
    }
}
