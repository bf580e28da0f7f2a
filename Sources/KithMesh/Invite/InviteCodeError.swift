/// Why text is not a valid invite code (invites.md), or a name cannot go into one.
public enum InviteCodeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The text does not start with `kith1`.
    case badPrefix
    /// The character at `position` (counting Unicode scalars of the trimmed text from 0, the prefix
    /// included) is not a base32 digit.
    case badCharacter(position: Int)
    /// The code is too short or too long, or its name length does not match its size.
    case badLength
    /// The last character has non-zero filling bits: the code was mistyped.
    case badPadding
    /// The checksum does not match: the code was mistyped or damaged.
    case badChecksum
    /// The code is of a format version this software does not know.
    case unsupportedVersion(UInt8)
    /// The community name is empty, longer than 32 bytes, not UTF-8, or holds a control character.
    case badName

    /// A sentence that says what was wrong.
    public var description: String {
        switch self {
        case .badPrefix:
            "not an invite code: it must start with \"kith1\""
        case .badCharacter(let position):
            "invite code has an invalid character at position \(position + 1) "
                + "(only a-z and 2-7 are allowed after \"kith1\")"
        case .badLength:
            "invite code has the wrong length: a character is missing or extra"
        case .badPadding, .badChecksum:
            "invite code checksum does not match: it was mistyped or damaged"
        case .unsupportedVersion(let version):
            "invite code version \(version) is not supported by this version of kith"
        case .badName:
            "community name must be 1 to 32 bytes of UTF-8 without control characters"
        }
    }
}
