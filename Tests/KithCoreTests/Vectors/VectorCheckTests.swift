import Foundation
import KithCore
import KithTestSupport
import Testing

/// Checks the committed vector files by recomputing every value with KithCore: keys from seeds,
/// entries from their fields, ids, fields from bytes, content, validation errors and chain steps.
@Suite("Spec vectors")
struct VectorCheckTests {
    @Test("identity.json: keys, fingerprints, key files and signatures from seeds")
    func identity() throws {
        let vectors = try loadVectors(IdentityVectors.self, file: "identity.json")
        #expect(vectors.keys.count >= 3)
        for vector in vectors.keys {
            let seed = try TestHex.bytes(vector.seed)
            let key = try SigningKey(seed: seed)
            #expect(key.publicKey.hex == vector.publicKey, "\(vector.name)")
            #expect(
                TestHex.encode(Blake2b.hash256(key.publicKey.bytes)) == vector.fingerprintDigest)
            #expect(key.publicKey.fingerprint.full == vector.fingerprint, "\(vector.name)")
            #expect(key.publicKey.fingerprint.short == vector.fingerprintShort, "\(vector.name)")
            #expect(try TestHex.bytes(vector.keyFile) == utf8("KITHKEY1") + seed)
            let message = try TestHex.bytes(vector.message)
            #expect(key.signature(for: message).hex == vector.signature, "\(vector.name)")
            #expect(
                key.publicKey.isValidSignature(try Signature(hex: vector.signature), for: message))
            try checkSeedSource(vector.seedSource, seed: seed)
        }
    }

    @Test("communities.json: default community, keys and ids")
    func communities() throws {
        let vectors = try loadVectors(CommunityVectors.self, file: "communities.json")
        #expect(vectors.idDerivationMessage == "kith community id v1")
        #expect(vectors.default.name == DefaultCommunity.name)
        #expect(vectors.default.key == DefaultCommunity.key.hex)
        #expect(vectors.default.id == DefaultCommunity.id.hex)
        for vector in [vectors.default] + vectors.communities {
            let key = try TestHex.bytes(vector.key)
            let community = try CommunityKey(bytes: key)
            #expect(community.id.hex == vector.id, "\(vector.name)")
            #expect(
                TestHex.encode(Blake2b.hash256(key: key, utf8(vectors.idDerivationMessage)))
                    == vector.id
            )
            try checkSeedSource(vector.keySource, seed: key)
        }
    }

    @Test("entries.json: every entry re-signed from its fields, decoded and identified")
    func entries() throws {
        let vectors = try loadVectors(EntryVectors.self, file: "entries.json")
        var keys: [String: SigningKey] = [:]
        for author in vectors.authors {
            let key = try SigningKey(seed: TestHex.bytes(author.seed))
            #expect(key.publicKey.hex == author.publicKey)
            try checkSeedSource(author.seedSource, seed: TestHex.bytes(author.seed))
            keys[author.name] = key
        }
        let communities = Dictionary(
            uniqueKeysWithValues: vectors.communities.map { ($0.name, $0.id) })
        #expect(communities[DefaultCommunity.name] == DefaultCommunity.id.hex)
        #expect(vectors.entries.count >= 10)

        for vector in vectors.entries {
            let fields = vector.fields
            let key = try #require(keys[vector.author], "\(vector.name)")
            #expect(fields.author == key.publicKey.hex)
            #expect(communities[vector.community] == fields.community)

            // Bytes from fields: the library's signer and the tests' own encoder agree with the file.
            let content = try TestHex.bytes(fields.content)
            #expect(content.count == fields.contentLength)
            let signed = try Entry.sign(
                community: CommunityID(hex: fields.community), sequence: fields.sequence,
                previous: EntryID(hex: fields.previous), timestamp: fields.timestamp,
                contentType: ContentType(rawValue: fields.contentType), content: content, with: key)
            #expect(TestHex.encode(signed.bytes) == vector.hex, "\(vector.name)")
            let raw = RawEntry(
                version: fields.version, community: try TestHex.bytes(fields.community),
                author: try TestHex.bytes(fields.author), sequence: fields.sequence,
                previous: try TestHex.bytes(fields.previous), timestamp: fields.timestamp,
                contentType: fields.contentType, content: content)
            #expect(
                TestHex.encode(raw.withSignature(try TestHex.bytes(fields.signature))) == vector.hex
            )

            // Fields from bytes.
            let entry = try Entry(validating: TestHex.bytes(vector.hex))
            #expect(entry.id.hex == vector.id, "\(vector.name)")
            #expect(TestHex.encode(Blake2b.hash256(entry.bytes)) == vector.id)
            #expect(entry.version == fields.version)
            #expect(entry.community.hex == fields.community)
            #expect(entry.author.hex == fields.author)
            #expect(entry.sequence == fields.sequence)
            #expect(entry.previous.hex == fields.previous)
            #expect(entry.timestamp == fields.timestamp)
            #expect(entry.contentType.rawValue == fields.contentType)
            #expect(TestHex.encode(entry.content) == fields.content)
            #expect(entry.signature.hex == fields.signature)
            checkContent(entry.decodedContent, vector.decodedContent, name: vector.name)
        }
    }

    @Test("entries.json: every invalid case fails at the stated rule")
    func invalidCases() throws {
        let vectors = try loadVectors(EntryVectors.self, file: "entries.json")
        #expect(vectors.invalid.count >= 10)
        for vector in vectors.invalid {
            let bytes = try TestHex.bytes(vector.hex)
            do throws(EntryError) {
                _ = try Entry(validating: bytes)
                Issue.record("\(vector.name) was accepted")
            } catch {
                #expect(error.rule == vector.rule, "\(vector.name): \(error)")
            }
        }
    }

    @Test("entries.json: the chain steps replay with the same decisions")
    func chainSteps() throws {
        let vectors = try loadVectors(EntryVectors.self, file: "entries.json")
        var entries: [String: Entry] = [:]
        for vector in vectors.entries {
            entries[vector.name] = try Entry(validating: TestHex.bytes(vector.hex))
        }
        var log = ChainLog()
        #expect(!vectors.chainSteps.isEmpty)
        for (index, step) in vectors.chainSteps.enumerated() {
            let entry = try #require(entries[step.entry])
            let expected: ChainDecision? =
                switch (step.decision, step.expected, step.forkKind) {
                case ("append", nil, nil): .append
                case ("duplicate", nil, nil): .duplicate
                case ("gap", let sequence?, nil): .gap(expected: sequence)
                case ("fork", nil, "sameSequence"): .fork(.sameSequence)
                case ("fork", nil, "brokenLink"): .fork(.brokenLink)
                case ("forkIgnored", nil, nil): .forkIgnored
                default: nil
                }
            #expect(expected != nil, "step \(index): unknown decision \(step.decision)")
            #expect(log.receive(entry) == expected, "step \(index): \(step.entry)")
        }
    }

    private func checkContent(
        _ content: Content, _ expected: EntryVectors.DecodedContent, name: String
    ) {
        switch content {
        case .post(let post):
            #expect(expected.kind == "post", "\(name)")
            #expect(expected.channel == post.channel.name, "\(name)")
            #expect(expected.text.map(utf8) == utf8(post.text), "\(name)")
        case .about(let about):
            #expect(expected.kind == "about", "\(name)")
            #expect(expected.name == about.name.name, "\(name)")
        case .topic(let topic):
            #expect(expected.kind == "topic", "\(name)")
            #expect(expected.channel == topic.channel.name, "\(name)")
            #expect(expected.text.map(utf8) == utf8(topic.text), "\(name)")
        case .private(let sealed):
            #expect(expected.kind == "private", "\(name)")
            #expect(expected.version == Int(sealed.bytes[0]), "\(name)")
            #expect(expected.ephemeralPublic == TestHex.encode(sealed.bytes[1..<33]), "\(name)")
            #expect(expected.nonce == TestHex.encode(sealed.bytes[33..<57]), "\(name)")
            #expect(expected.senderSlot == TestHex.encode(sealed.bytes[57..<89]), "\(name)")
            #expect(expected.plaintextLength == sealed.bytes.count - 105, "\(name)")
        case .unknown:
            #expect(expected.kind == "unknown", "\(name)")
        case .malformed:
            #expect(expected.kind == "malformed", "\(name)")
        }
    }

    /// Where a seed is described as `BLAKE2b-256("text")` or as the bytes 0x00 to 0x1f, checks it.
    private func checkSeedSource(_ source: String, seed: [UInt8]) throws {
        let prefix = "BLAKE2b-256(\""
        if source.hasPrefix(prefix), source.hasSuffix("\")") {
            let text = String(source.dropFirst(prefix.count).dropLast(2))
            #expect(Blake2b.hash256(utf8(text)) == seed, "\(source)")
        } else if source == "the 32 bytes 0x00, 0x01, ..., 0x1f" {
            #expect(seed == Array(0...31))
        }
    }
}
