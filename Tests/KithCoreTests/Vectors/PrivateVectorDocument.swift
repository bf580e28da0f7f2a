import KithCore
import KithTestSupport

/// `private.json`: private messages (content.md, "private") sealed from fixed keys, ephemeral
/// secrets and nonces, with the intermediate values a second implementation needs to check them.
enum PrivateVectorDocument {
    /// One sealed message: who writes to whom, the fixed randomness and the text.
    struct Case {
        var name: String
        var sender: VectorKey
        var recipient: VectorKey
        var ephemeralSource: String
        var nonceSource: String
        var text: String

        /// 32 bytes of ephemeral secret then 24 of nonce, as `PrivateMessage.seal` asks for them.
        var randomBytes: [UInt8] {
            Blake2b.hash256(utf8(ephemeralSource))
                + Array(Blake2b.hash256(utf8(nonceSource)).prefix(24))
        }

        /// The content bytes `PrivateMessage.seal` makes for this case.
        func sealed() throws -> [UInt8] {
            var remaining = randomBytes[...]
            return try PrivateMessage.seal(
                text: text, to: recipient.key.publicKey, from: sender.key,
                using: { count in
                    let taken = Array(remaining.prefix(count))
                    remaining = remaining.dropFirst(count)
                    return taken
                })
        }
    }

    /// The cases, from the shared vector keys.
    static func cases(_ sources: VectorSources) -> [Case] {
        [
            Case(
                name: "alice-to-bob", sender: sources.alice, recipient: sources.bob,
                ephemeralSource: "kith private vector ephemeral 1",
                nonceSource: "kith private vector nonce 1", text: "meet at the lake at six"),
            Case(
                name: "bob-to-alice-multiline", sender: sources.bob, recipient: sources.alice,
                ephemeralSource: "kith private vector ephemeral 2",
                nonceSource: "kith private vector nonce 2",
                text:
                    "two lines,\nand a longer text that needs a second block of sixty-four bytes: ünïcödé ✓"
            ),
            Case(
                name: "alice-to-herself", sender: sources.alice, recipient: sources.alice,
                ephemeralSource: "kith private vector ephemeral 3",
                nonceSource: "kith private vector nonce 3", text: "note to self"),
        ]
    }

    static func render(_ sources: VectorSources) throws -> OrderedJSON {
        let keys = [sources.alice, sources.bob, sources.rfc8032Test1].map { key -> OrderedJSON in
            .object([
                ("name", .string(key.name)),
                ("seedSource", .string(key.seedSource)),
                ("seed", .string(hexString(key.seed))),
                ("publicKey", .string(key.key.publicKey.hex)),
            ])
        }
        let messages = try cases(sources).map { vector -> OrderedJSON in
            let random = vector.randomBytes
            let content = try vector.sealed()
            return .object([
                ("name", .string(vector.name)),
                ("sender", .string(vector.sender.name)),
                ("recipient", .string(vector.recipient.name)),
                ("ephemeralSecretSource", .string("BLAKE2b-256(\"\(vector.ephemeralSource)\")")),
                ("ephemeralSecret", .string(hexString(random.prefix(32)))),
                (
                    "nonceSource",
                    .string("first 24 bytes of BLAKE2b-256(\"\(vector.nonceSource)\")")
                ),
                ("nonce", .string(hexString(random.dropFirst(32)))),
                ("text", .string(vector.text)),
                ("content", .string(hexString(content))),
            ])
        }
        return .object([
            (
                "description",
                .string(
                    "Private messages (content.md, private 0x0003) sealed from fixed keys, "
                        + "ephemeral secrets and nonces. Only the recipient and the sender can open "
                        + "each one; 'outsider' (rfc8032-test1) cannot.")
            ),
            ("recipientLabel", .string(PrivateMessage.recipientLabel)),
            ("senderLabel", .string(PrivateMessage.senderLabel)),
            ("keys", .array(keys)),
            ("outsider", .string(sources.rfc8032Test1.name)),
            ("messages", .array(messages)),
        ])
    }
}
