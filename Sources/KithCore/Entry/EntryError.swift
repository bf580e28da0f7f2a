/// Why bytes are not a valid entry: the first rule of entries.md, "Validation of a single entry",
/// that they break.
public enum EntryError: Error, Equatable, CustomStringConvertible {
    /// Rule 1: fewer than 183 bytes.
    case tooShort(Int)
    /// Rule 1: more than 16,567 bytes.
    case tooLong(Int)
    /// Rule 2: a format version this node does not read.
    case unsupportedVersion(UInt8)
    /// Rule 3: the content length field does not match the bytes present.
    case contentLengthMismatch(declared: UInt32, actual: Int)
    /// Rule 3: more than 16,384 content bytes (raised when signing; a decoded entry that is
    /// within the length limit and claims more breaks the length match first).
    case contentTooLarge(Int)
    /// Rule 4: sequence 0.
    case zeroSequence
    /// Rule 5: sequence 1 with a non-zero previous id.
    case previousMustBeZero
    /// Rule 5: sequence above 1 with an all-zero previous id.
    case previousMustNotBeZero
    /// Rule 6: the signature does not verify with the author's key.
    case badSignature

    /// The name of the rule broken, as entries.md and the vectors write it: `length`, `version`,
    /// `contentLength`, `sequence`, `previous` or `signature`.
    public var rule: String {
        switch self {
        case .tooShort, .tooLong: "length"
        case .unsupportedVersion: "version"
        case .contentLengthMismatch, .contentTooLarge: "contentLength"
        case .zeroSequence: "sequence"
        case .previousMustBeZero, .previousMustNotBeZero: "previous"
        case .badSignature: "signature"
        }
    }

    /// A sentence that says what was wrong.
    public var description: String {
        switch self {
        case .tooShort(let length):
            "entry is \(length) bytes, shorter than the minimum \(EntryFormat.minEntrySize)"
        case .tooLong(let length):
            "entry is \(length) bytes, longer than the maximum \(EntryFormat.maxEntrySize)"
        case .unsupportedVersion(let version):
            "entry format version \(version) is not supported (expected \(EntryFormat.version))"
        case .contentLengthMismatch(let declared, let actual):
            "content length field says \(declared) bytes but the entry holds \(actual)"
        case .contentTooLarge(let length):
            "content is \(length) bytes, more than the maximum \(EntryFormat.maxContentSize)"
        case .zeroSequence:
            "sequence is 0; chains start at 1"
        case .previousMustBeZero:
            "the first entry of a chain (sequence 1) must have an all-zero previous id"
        case .previousMustNotBeZero:
            "an entry after the first (sequence above 1) must name its previous entry"
        case .badSignature:
            "the signature does not verify with the author's key"
        }
    }
}
