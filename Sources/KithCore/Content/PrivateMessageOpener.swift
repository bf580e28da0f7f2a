/// Opens `private` content (content.md) as the holder of one key, with the key's X25519 forms
/// computed once: a node that looks through many private entries (most of them for others) pays
/// one scalar multiplication per message, not a key conversion as well.
///
/// Sendable: every stored property is an immutable Sendable value.
public final class PrivateMessageOpener: Sendable {
    private let key: SigningKey
    private let curveSecret: SecretBytes
    private let ownCurve: [UInt8]

    /// An opener for messages to or from `key`; nil when the key has no X25519 form.
    public init?(key: SigningKey) {
        guard let curve = X25519.publicKey(fromEd25519: key.publicKey) else { return nil }
        self.key = key
        self.curveSecret = X25519.secret(fromEd25519: key)
        self.ownCurve = curve
    }

    /// Decrypts `content` of a `private` entry written by `authorKey`: as its recipient, or as
    /// its sender when `authorKey` is this opener's key. Nil when the message is not for this key,
    /// was altered, is bound to another author, or is malformed.
    public func open(content: some Collection<UInt8>, authorKey: PublicKey) -> OpenedPrivateMessage?
    {
        guard let sealed = try? SealedPrivateMessage(decoding: content) else { return nil }
        let bytes = sealed.bytes[...]
        let ephemeralPublic = Array(bytes[1..<33])
        let nonce = Array(bytes[33..<57])
        let senderSlot = Array(bytes[57..<89])
        let associatedData = Array(bytes[..<89]) + authorKey.bytes
        let ciphertext = Array(bytes[89...])

        guard let shared = X25519.sharedSecret(secret: curveSecret, publicKey: ephemeralPublic)
        else { return nil }

        // As the recipient.
        var messageKey = PrivateMessage.derive(
            PrivateMessage.recipientLabel, shared: shared, ephemeralPublic: ephemeralPublic,
            curveKey: ownCurve, sender: authorKey)
        defer { SecureMemory.wipe(&messageKey) }
        if let opened = PrivateMessage.decrypt(
            key: messageKey, nonce: nonce, ciphertext: ciphertext, associatedData: associatedData,
            sender: authorKey), opened.recipient == key.publicKey
        {
            return opened
        }
        // As the sender, reading a message it wrote.
        guard authorKey == key.publicKey else { return nil }
        var slotKey = PrivateMessage.derive(
            PrivateMessage.senderLabel, shared: shared, ephemeralPublic: ephemeralPublic,
            curveKey: ownCurve, sender: authorKey)
        defer { SecureMemory.wipe(&slotKey) }
        var senderKey = zip(senderSlot, slotKey).map { $0 ^ $1 }
        defer { SecureMemory.wipe(&senderKey) }
        return PrivateMessage.decrypt(
            key: senderKey, nonce: nonce, ciphertext: ciphertext, associatedData: associatedData,
            sender: authorKey)
    }
}
