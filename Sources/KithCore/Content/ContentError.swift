/// Why content does not follow its type's layout (content.md, "Malformed content"). A content
/// error never makes an entry invalid; the entry is shown as malformed.
public enum ContentError: Error, Hashable, CustomStringConvertible {
    /// A post with no bytes at all, not even the channel length.
    case emptyContent
    /// A channel name of 0 bytes.
    case emptyChannel
    /// A channel name longer than 64 bytes.
    case channelTooLong(Int)
    /// A post whose channel length says more bytes than the content holds.
    case channelTruncated(declared: Int, available: Int)
    /// A character not allowed in a channel name (uppercase ASCII, `#`, space, punctuation...).
    case invalidChannelCharacter(Unicode.Scalar)
    /// A post with no text.
    case emptyText
    /// Post text containing U+0000.
    case textContainsNUL
    /// Topic text longer than 512 bytes.
    case topicTooLong(Int)
    /// A display name of 0 bytes.
    case emptyName
    /// A display name longer than 64 bytes.
    case nameTooLong(Int)
    /// A control character (U+0000–U+001F, U+007F) in a display name.
    case nameControlCharacter(Unicode.Scalar)
    /// Bytes of the given field that are not well-formed UTF-8.
    case invalidUTF8(ContentField)
    /// Content that would not fit in an entry: more than 16,384 bytes.
    case contentTooLarge(Int)
    /// A private message whose first byte names a layout version this implementation does not read.
    case privateMessageVersion(UInt8)
    /// A private message whose length is not header, whole 64-byte blocks and tag.
    case privateMessageLength(Int)
    /// A key that has no X25519 form (not a valid Ed25519 point, or of small order), so no
    /// private message can be sealed to or from it.
    case invalidRecipientKey

    /// A sentence that says what was wrong.
    public var description: String {
        switch self {
        case .emptyContent: "the content is empty"
        case .emptyChannel: "the channel name is empty"
        case .channelTooLong(let length):
            "the channel name is \(length) bytes, more than \(ChannelName.maxByteCount)"
        case .channelTruncated(let declared, let available):
            "the channel length says \(declared) bytes but only \(available) follow"
        case .invalidChannelCharacter(let scalar):
            "\(Self.describe(scalar)) is not allowed in a channel name "
                + "(a-z, 0-9, '-', '_', '.', and non-ASCII letters, marks and digits)"
        case .emptyText: "the text is empty"
        case .textContainsNUL: "the text contains a NUL character (U+0000)"
        case .topicTooLong(let length):
            "the topic is \(length) bytes, more than \(Topic.maxTextByteCount)"
        case .emptyName: "the name is empty"
        case .nameTooLong(let length):
            "the name is \(length) bytes, more than \(DisplayName.maxByteCount)"
        case .nameControlCharacter(let scalar):
            "the name contains the control character \(Self.describe(scalar))"
        case .invalidUTF8(let field): "the \(field) is not valid UTF-8"
        case .contentTooLarge(let length):
            "the content is \(length) bytes, more than \(EntryFormat.maxContentSize)"
        case .privateMessageVersion(let version):
            "the private message has version \(version); only version 1 is known"
        case .privateMessageLength(let length):
            "the private message is \(length) bytes, not \(SealedPrivateMessage.headerByteCount) "
                + "+ a multiple of \(SealedPrivateMessage.paddingBlock) "
                + "+ \(SealedPrivateMessage.tagByteCount)"
        case .invalidRecipientKey:
            "the key cannot receive private messages (not a valid Ed25519 public key)"
        }
    }

    /// `U+0023 '#'`, or just `U+0007` for characters that do not print.
    private static func describe(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        let printable =
            scalar.value >= 0x20 && scalar.value != 0x7f && !(0x80...0x9f).contains(scalar.value)
        return printable ? "\(code) '\(Character(scalar))'" : code
    }
}

/// A part of some content that a `ContentError` is about.
public enum ContentField: String, Hashable, Sendable, CustomStringConvertible {
    /// A post's or a topic's channel name.
    case channel
    /// A post's or a topic's text.
    case text
    /// An about's display name.
    case name

    /// The field's name.
    public var description: String { rawValue }
}
