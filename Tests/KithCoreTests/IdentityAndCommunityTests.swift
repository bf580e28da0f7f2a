import KithCore
import KithTestSupport
import Testing

@Suite("Fingerprints")
struct FingerprintTests {
    @Test("four groups of four hex digits of BLAKE2b-256(public key)")
    func format() throws {
        let key = try EntryFixtures.alice().publicKey
        let digest = TestHex.encode(Blake2b.hash256(key.bytes))
        let fingerprint = key.fingerprint
        let groups = fingerprint.full.split(separator: "-")
        #expect(groups.count == 4)
        #expect(groups.allSatisfy { $0.count == 4 })
        #expect(fingerprint.full.replacingAll("-") == String(digest.prefix(16)))
        #expect(fingerprint.short == groups.prefix(2).joined(separator: "-"))
        #expect(fingerprint.description == fingerprint.full)
        #expect(Fingerprint(key) == fingerprint)
        #expect(try EntryFixtures.bob().publicKey.fingerprint != fingerprint)
    }

    @Test("leading zero digits are kept")
    func leadingZeros() {
        // Search a few generated keys' fingerprints: each always has 19 characters.
        for _ in 0..<64 {
            #expect(SigningKey.generate().publicKey.fingerprint.full.count == 19)
        }
    }
}

@Suite("Communities")
struct CommunityTests {
    @Test("the id is BLAKE2b-256 keyed by the community key over \"kith community id v1\"")
    func idDerivation() throws {
        let keyBytes: [UInt8] = Array(0...31)
        let key = try CommunityKey(bytes: keyBytes)
        #expect(key.id.bytes == Blake2b.hash256(key: keyBytes, utf8("kith community id v1")))
        #expect(key.bytes == keyBytes)
        #expect(try CommunityKey(hex: key.hex) == key)
        #expect(try CommunityID(hex: key.id.hex) == key.id)
        #expect(try CommunityID(bytes: key.id.bytes) == key.id)
    }

    @Test("the default community is lobby, keyed by BLAKE2b-256(\"kith default community v1\")")
    func defaultCommunity() {
        #expect(DefaultCommunity.name == "lobby")
        #expect(DefaultCommunity.key.bytes == Blake2b.hash256(utf8("kith default community v1")))
        #expect(DefaultCommunity.id == DefaultCommunity.key.id)
    }

    @Test("generated keys differ and never print their secret")
    func generated() {
        let first = CommunityKey.generate()
        let second = CommunityKey.generate()
        #expect(first != second)
        #expect(first.id != second.id)
        #expect(!first.description.contains(first.hex))
        #expect(first.description.contains(first.id.hex))
    }

    @Test("wrong lengths are rejected")
    func lengths() {
        #expect(throws: KeyError.wrongLength(expected: 32, actual: 16)) {
            try CommunityKey(bytes: [UInt8](repeating: 0, count: 16))
        }
        #expect(throws: KeyError.wrongLength(expected: 32, actual: 0)) {
            try CommunityID(bytes: [])
        }
    }
}

extension String {
    /// The string without any occurrence of `text`.
    fileprivate func replacingAll(_ text: Character) -> String {
        String(filter { $0 != text })
    }
}
