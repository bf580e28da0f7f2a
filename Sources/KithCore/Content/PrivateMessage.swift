/// Sealing and opening `private` content (content.md): a text end-to-end encrypted to one
/// recipient's key, readable by that recipient and by the sender, and by no one else.
///
/// Content: `version` (1) ‖ `ephemeralPublic` (32) ‖ `nonce` (24) ‖ `senderSlot` (32) ‖
/// XChaCha20-Poly1305(`messageKey`, `nonce`, associated data: the 89 bytes before it ‖ sender
/// key, plaintext). The plaintext is the recipient's Ed25519 key ‖ text length `u16` ‖ text ‖
/// zero bytes up to a multiple of 64.
public enum PrivateMessage {
    /// The label of the recipient's message-key derivation.
    public static let recipientLabel = "kith private v1 recipient"
    /// The label of the sender's key-slot derivation.
    public static let senderLabel = "kith private v1 sender"

    /// Bytes of plaintext before the text: the recipient key and the text length.
    static let plaintextPrefixByteCount = PublicKey.byteCount + 2

    /// The largest text, in UTF-8 bytes, that fits in one entry once sealed and padded.
    public static let maxTextByteCount: Int = {
        let room =
            EntryFormat.maxContentSize - SealedPrivateMessage.headerByteCount
            - SealedPrivateMessage.tagByteCount
        let padded = room - room % SealedPrivateMessage.paddingBlock
        return padded - plaintextPrefixByteCount
    }()

    /// Encrypts `text` to `recipient`, written by `sender`, and returns the content bytes of a
    /// `private` entry that `sender` must sign, with the system's secure random source.
    public static func seal(text: String, to recipient: PublicKey, from sender: SigningKey)
        throws(ContentError) -> [UInt8]
    {
        var random = SystemRandomSource()
        return try seal(text: text, to: recipient, from: sender, using: &random)
    }

    /// Encrypts `text` to `recipient`, written by `sender`, and returns the content bytes of a
    /// `private` entry that `sender` must sign. `random` gives 32 bytes for the ephemeral secret,
    /// then 24 for the nonce (tests pass fixed bytes).
    public static func seal(
        text: String, to recipient: PublicKey, from sender: SigningKey,
        using random: inout some RandomSource
    ) throws(ContentError) -> [UInt8] {
        let textBytes = Array(text.utf8)
        guard !textBytes.isEmpty else { throw .emptyText }
        guard !textBytes.contains(0) else { throw .textContainsNUL }
        guard textBytes.count <= maxTextByteCount else {
            throw .contentTooLarge(sealedByteCount(textByteCount: textBytes.count))
        }
        var plaintext = recipient.bytes
        plaintext.append(UInt8(truncatingIfNeeded: textBytes.count >> 8))
        plaintext.append(UInt8(truncatingIfNeeded: textBytes.count))
        plaintext.append(contentsOf: textBytes)
        plaintext.append(contentsOf: repeatElement(0, count: padding(after: plaintext.count)))
        defer { SecureMemory.wipe(&plaintext) }
        return try seal(plaintext: plaintext, to: recipient, from: sender, using: &random)
    }

    /// Encrypts `plaintext` as it is, unchecked, to `recipient`, written by `sender`: the part of
    /// ``seal(text:to:from:using:)`` after the plaintext is made. The test vectors use it to seal
    /// plaintexts that break the rules, which opening must refuse.
    static func seal(
        plaintext: [UInt8], to recipient: PublicKey, from sender: SigningKey,
        using random: inout some RandomSource
    ) throws(ContentError) -> [UInt8] {
        guard let recipientCurve = X25519.publicKey(fromEd25519: recipient),
            let senderCurve = X25519.publicKey(fromEd25519: sender.publicKey)
        else { throw .invalidRecipientKey }

        let ephemeral = EphemeralKeyPair(using: &random)
        let nonce = random.bytes(cipher.nonceByteCount)
        precondition(
            nonce.count == cipher.nonceByteCount,
            "the random source returned the wrong number of bytes")
        let ephemeralPublic = ephemeral.publicKey
        guard
            let recipientShared = X25519.sharedSecret(
                secret: ephemeral.secret, publicKey: recipientCurve),
            let senderShared = X25519.sharedSecret(secret: ephemeral.secret, publicKey: senderCurve)
        else { throw .invalidRecipientKey }

        var messageKey = derive(
            recipientLabel, shared: recipientShared, ephemeralPublic: ephemeralPublic,
            curveKey: recipientCurve, sender: sender.publicKey)
        defer { SecureMemory.wipe(&messageKey) }
        var slotKey = derive(
            senderLabel, shared: senderShared, ephemeralPublic: ephemeralPublic,
            curveKey: senderCurve, sender: sender.publicKey)
        defer { SecureMemory.wipe(&slotKey) }
        let senderSlot = zip(messageKey, slotKey).map { $0 ^ $1 }

        let header = [SealedPrivateMessage.version] + ephemeralPublic + nonce + senderSlot
        let ciphertext = plaintext.withUnsafeBytes { plaintext in
            messageKey.withUnsafeBytes { key in
                cipher.seal(
                    plaintext, key: key, nonce: nonce,
                    associatedData: header + sender.publicKey.bytes)
            }
        }
        return header + ciphertext
    }

    /// Decrypts `content` of a `private` entry written by `authorKey`, as the holder of `key`:
    /// as its recipient, or as its sender when `authorKey` is `key`'s public key. Nil when the
    /// message is not for this key, was altered, is bound to another author, or is malformed.
    /// To open many messages, make one ``PrivateMessageOpener`` and keep it.
    public static func open(
        content: some Collection<UInt8>, authorKey: PublicKey, with key: SigningKey
    )
        -> OpenedPrivateMessage?
    {
        PrivateMessageOpener(key: key)?.open(content: content, authorKey: authorKey)
    }

    /// The size of the content that sealing a text of `textByteCount` bytes makes.
    public static func sealedByteCount(textByteCount: Int) -> Int {
        let plaintext = plaintextPrefixByteCount + textByteCount
        return SealedPrivateMessage.headerByteCount + plaintext + padding(after: plaintext)
            + SealedPrivateMessage.tagByteCount
    }

    /// Zero bytes that bring `count` to a multiple of the padding block.
    private static func padding(after count: Int) -> Int {
        let block = SealedPrivateMessage.paddingBlock
        return (block - count % block) % block
    }

    /// The AEAD of private messages: XChaCha20-Poly1305 (content.md).
    static let cipher = AEAD.xChaCha20Poly1305

    /// `BLAKE2b-256(key: shared, label ‖ ephemeralPublic ‖ curveKey ‖ sender)`.
    static func derive(
        _ label: String, shared: SecretBytes, ephemeralPublic: [UInt8], curveKey: [UInt8],
        sender: PublicKey
    ) -> [UInt8] {
        shared.withUnsafeBytes { key in
            Blake2b.hash256(
                key: key, Array(label.utf8) + ephemeralPublic + curveKey + sender.bytes)
        }
    }

    /// The opened message when `ciphertext` verifies under `key` and its plaintext is well formed.
    static func decrypt(
        key: [UInt8], nonce: [UInt8], ciphertext: [UInt8], associatedData: [UInt8],
        sender: PublicKey
    ) -> OpenedPrivateMessage? {
        guard key.count == cipher.keyByteCount, nonce.count == cipher.nonceByteCount,
            var plaintext = ciphertext.withUnsafeBytes({ ciphertext in
                key.withUnsafeBytes { key in
                    cipher.open(
                        ciphertext, key: key, nonce: nonce, associatedData: associatedData)
                }
            })
        else { return nil }
        defer { SecureMemory.wipe(&plaintext) }
        guard plaintext.count >= plaintextPrefixByteCount,
            let recipient = try? PublicKey(bytes: plaintext[0..<PublicKey.byteCount])
        else { return nil }
        let length = Int(plaintext[32]) << 8 | Int(plaintext[33])
        let textEnd = plaintextPrefixByteCount + length
        guard length > 0, textEnd <= plaintext.count,
            padding(after: textEnd) == plaintext.count - textEnd,
            plaintext[textEnd...].allSatisfy({ $0 == 0 })
        else { return nil }
        let textBytes = plaintext[plaintextPrefixByteCount..<textEnd]
        guard case .valid = UTF8Scan.scan(textBytes, rejecting: { $0 == "\0" }) else { return nil }
        return OpenedPrivateMessage(
            sender: sender, recipient: recipient, text: String(decoding: textBytes, as: UTF8.self))
    }
}
