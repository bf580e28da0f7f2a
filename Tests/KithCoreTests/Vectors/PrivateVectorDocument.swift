import KithTestSupport

@testable import KithCore

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
            var random = FixedRandomSource(randomBytes)
            return try PrivateMessage.seal(
                text: text, to: recipient.key.publicKey, from: sender.key, using: &random)
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

    /// A plaintext that breaks one of content.md's opening rules, sealed correctly from alice to
    /// bob: its tag verifies, and opening must still refuse it.
    struct Unopenable {
        var name: String
        var rule: Int
        var note: String
        var plaintext: [UInt8]
        var randomSource: String

        /// 32 bytes of ephemeral secret then 24 of nonce.
        var randomBytes: [UInt8] {
            Blake2b.hash256(utf8(randomSource + " ephemeral"))
                + Array(Blake2b.hash256(utf8(randomSource + " nonce")).prefix(24))
        }

        func sealed(_ sources: VectorSources) throws -> [UInt8] {
            var random = FixedRandomSource(randomBytes)
            return try PrivateMessage.seal(
                plaintext: plaintext, to: sources.bob.key.publicKey, from: sources.alice.key,
                using: &random)
        }
    }

    /// One case per opening rule 2 to 5 of content.md (rule 3 twice).
    static func unopenable(_ sources: VectorSources) -> [Unopenable] {
        let bob = sources.bob.key.publicKey.bytes
        func plaintext(length: Int, text: [UInt8], size: Int, last: UInt8 = 0) -> [UInt8] {
            var bytes = bob + [UInt8(length >> 8), UInt8(length & 0xff)] + text
            bytes += [UInt8](repeating: 0, count: size - bytes.count)
            bytes[size - 1] |= last
            return bytes
        }
        let cases: [(String, Int, String, [UInt8])] = [
            ("empty-text", 2, "textLength 0", plaintext(length: 0, text: [], size: 64)),
            (
                "padding-too-long", 3, "the text 'hi' padded to 128 bytes instead of 64",
                plaintext(length: 2, text: utf8("hi"), size: 128)
            ),
            (
                "length-beyond-plaintext", 3, "textLength 100 in a plaintext of 64 bytes",
                plaintext(length: 100, text: utf8("hi"), size: 64)
            ),
            (
                "nonzero-padding", 4, "the text 'hi', the last padding byte 0x01",
                plaintext(length: 2, text: utf8("hi"), size: 64, last: 1)
            ),
            (
                "text-with-nul", 5, "the text 'a', NUL, 'b'",
                plaintext(length: 3, text: [0x61, 0x00, 0x62], size: 64)
            ),
            (
                "text-not-utf8", 5, "the text bytes ff fe",
                plaintext(length: 2, text: [0xff, 0xfe], size: 64)
            ),
        ]
        return cases.enumerated().map { index, item in
            Unopenable(
                name: item.0, rule: item.1, note: item.2, plaintext: item.3,
                randomSource: "kith private vector unopenable \(index + 1)")
        }
    }

    static func render(_ sources: VectorSources) throws -> OrderedJSON {
        let keys = [sources.alice, sources.bob, sources.rfc8032Test1].map { key -> OrderedJSON in
            .object([
                ("name", .string(key.name)),
                ("seedSource", .string(key.seedSource)),
                ("seed", .string(TestHex.encode(key.seed))),
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
                ("ephemeralSecret", .string(TestHex.encode(random.prefix(32)))),
                (
                    "nonceSource",
                    .string("first 24 bytes of BLAKE2b-256(\"\(vector.nonceSource)\")")
                ),
                ("nonce", .string(TestHex.encode(random.dropFirst(32)))),
                ("text", .string(vector.text)),
                ("content", .string(TestHex.encode(content))),
            ])
        }
        let unopenable = try unopenable(sources).map { vector -> OrderedJSON in
            let random = vector.randomBytes
            return .object([
                ("name", .string(vector.name)),
                ("rule", .integer(UInt64(vector.rule))),
                ("note", .string(vector.note)),
                ("sender", .string(sources.alice.name)),
                ("recipient", .string(sources.bob.name)),
                (
                    "ephemeralSecretSource",
                    .string("BLAKE2b-256(\"\(vector.randomSource) ephemeral\")")
                ),
                ("ephemeralSecret", .string(TestHex.encode(random.prefix(32)))),
                (
                    "nonceSource",
                    .string("first 24 bytes of BLAKE2b-256(\"\(vector.randomSource) nonce\")")
                ),
                ("nonce", .string(TestHex.encode(random.dropFirst(32)))),
                ("plaintext", .string(TestHex.encode(vector.plaintext))),
                ("content", .string(TestHex.encode(try vector.sealed(sources)))),
            ])
        }
        return .object([
            (
                "description",
                .string(
                    "Private messages (content.md, private 0x0003) sealed from fixed keys, "
                        + "ephemeral secrets and nonces. Only the recipient and the sender can open "
                        + "each one; 'outsider' (rfc8032-test1) cannot. 'unopenable' plaintexts "
                        + "verify but break opening rule 'rule': neither recipient nor sender "
                        + "opens them.")
            ),
            ("recipientLabel", .string(PrivateMessage.recipientLabel)),
            ("senderLabel", .string(PrivateMessage.senderLabel)),
            ("keys", .array(keys)),
            ("outsider", .string(sources.rfc8032Test1.name)),
            ("messages", .array(messages)),
            ("unopenable", .array(unopenable)),
        ])
    }
}
