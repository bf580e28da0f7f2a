/// The content of a `private` entry (content.md): a message end-to-end encrypted to one recipient,
/// held as opaque bytes. Reading it checks only the layout (version and lengths); opening it needs
/// a secret key (`PrivateMessage.open`).
public struct SealedPrivateMessage: Hashable, Sendable {
    /// The content bytes, unchanged.
    public let bytes: [UInt8]

    /// The layout version this implementation writes and reads.
    public static let version: UInt8 = 1
    /// Bytes before the ciphertext: version, ephemeral public key, nonce, sender key slot.
    public static let headerByteCount = 1 + 32 + 24 + 32
    /// The length of the Poly1305 tag that ends the ciphertext.
    public static let tagByteCount = 16
    /// The plaintext is padded to a multiple of this many bytes.
    public static let paddingBlock = 64
    /// The smallest well-formed content: header, one padded block, tag.
    public static let minimumByteCount = headerByteCount + paddingBlock + tagByteCount

    /// Reads sealed content, checking its version and that its length is a header, a whole number
    /// of 64-byte blocks and a tag.
    public init(decoding content: some Collection<UInt8>) throws(ContentError) {
        guard content.count <= EntryFormat.maxContentSize else {
            throw .contentTooLarge(content.count)
        }
        guard let version = content.first else { throw .emptyContent }
        guard version == Self.version else { throw .privateMessageVersion(version) }
        let bodyCount = content.count - Self.headerByteCount - Self.tagByteCount
        guard content.count >= Self.minimumByteCount, bodyCount % Self.paddingBlock == 0 else {
            throw .privateMessageLength(content.count)
        }
        bytes = Array(content)
    }
}
