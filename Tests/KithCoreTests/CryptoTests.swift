import KithCore
import KithTestSupport
import Testing

/// RFC 8032, section 7.1: Ed25519 test vectors (seed, public key, message, signature).
struct RFC8032Vector: CustomTestStringConvertible, Sendable {
    var name: String
    var seed: String
    var publicKey: String
    var message: String
    var signature: String
    var testDescription: String { name }

    static let all: [RFC8032Vector] = [
        RFC8032Vector(
            name: "TEST 1",
            seed: "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
            publicKey: "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
            message: "",
            signature: "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
                + "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"),
        RFC8032Vector(
            name: "TEST 2",
            seed: "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
            publicKey: "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
            message: "72",
            signature: "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
                + "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"),
        RFC8032Vector(
            name: "TEST 3",
            seed: "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
            publicKey: "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025",
            message: "af82",
            signature: "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac"
                + "18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a"),
        RFC8032Vector(
            name: "TEST 1024",
            seed: "f5e5767cf153319517630f226876b86c8160cc583bc013744c6bf255f5cc0ee5",
            publicKey: "278117fc144c72340f67d0f2316e8386ceffbf2b2428c9c51fef7c597f1d426e",
            message: [
                "08b8b2b733424243760fe426a4b54908632110a66c2f6591eabd3345e3e4eb98fa6e264bf09efe12ee50f8f54e9f77b1",
                "e355f6c50544e23fb1433ddf73be84d879de7c0046dc4996d9e773f4bc9efe5738829adb26c81b37c93a1b270b20329d",
                "658675fc6ea534e0810a4432826bf58c941efb65d57a338bbd2e26640f89ffbc1a858efcb8550ee3a5e1998bd177e93a",
                "7363c344fe6b199ee5d02e82d522c4feba15452f80288a821a579116ec6dad2b3b310da903401aa62100ab5d1a36553e",
                "06203b33890cc9b832f79ef80560ccb9a39ce767967ed628c6ad573cb116dbefefd75499da96bd68a8a97b928a8bbc10",
                "3b6621fcde2beca1231d206be6cd9ec7aff6f6c94fcd7204ed3455c68c83f4a41da4af2b74ef5c53f1d8ac70bdcb7ed1",
                "85ce81bd84359d44254d95629e9855a94a7c1958d1f8ada5d0532ed8a5aa3fb2d17ba70eb6248e594e1a2297acbbb39d",
                "502f1a8c6eb6f1ce22b3de1a1f40cc24554119a831a9aad6079cad88425de6bde1a9187ebb6092cf67bf2b13fd65f270",
                "88d78b7e883c8759d2c4f5c65adb7553878ad575f9fad878e80a0c9ba63bcbcc2732e69485bbc9c90bfbd62481d9089b",
                "eccf80cfe2df16a2cf65bd92dd597b0707e0917af48bbb75fed413d238f5555a7a569d80c3414a8d0859dc65a46128ba",
                "b27af87a71314f318c782b23ebfe808b82b0ce26401d2e22f04d83d1255dc51addd3b75a2b1ae0784504df543af8969b",
                "e3ea7082ff7fc9888c144da2af58429ec96031dbcad3dad9af0dcbaaaf268cb8fcffead94f3c7ca495e056a9b47acdb7",
                "51fb73e666c6c655ade8297297d07ad1ba5e43f1bca32301651339e22904cc8c42f58c30c04aafdb038dda0847dd988d",
                "cda6f3bfd15c4b4c4525004aa06eeff8ca61783aacec57fb3d1f92b0fe2fd1a85f6724517b65e614ad6808d6f6ee34df",
                "f7310fdc82aebfd904b01e1dc54b2927094b2db68d6f903b68401adebf5a7e08d78ff4ef5d63653a65040cf9bfd4aca7",
                "984a74d37145986780fc0b16ac451649de6188a7dbdf191f64b5fc5e2ab47b57f7f7276cd419c17a3ca8e1b939ae49e4",
                "88acba6b965610b5480109c8b17b80e1b7b750dfc7598d5d5011fd2dcc5600a32ef5b52a1ecc820e308aa342721aac09",
                "43bf6686b64b2579376504ccc493d97e6aed3fb0f9cd71a43dd497f01f17c0e2cb3797aa2a2f256656168e6c496afc5f",
                "b93246f6b1116398a346f1a641f3b041e989f7914f90cc2c7fff357876e506b50d334ba77c225bc307ba537152f3f161",
                "0e4eafe595f6d9d90d11faa933a15ef1369546868a7f3a45a96768d40fd9d03412c091c6315cf4fde7cb68606937380d",
                "b2eaaa707b4c4185c32eddcdd306705e4dc1ffc872eeee475a64dfac86aba41c0618983f8741c5ef68d3a101e8a3b8ca",
                "c60c905c15fc910840b94c00a0b9d0",
            ].joined(),
            signature: "0aab4c900501b3e24d7cdf4663326a3a87df5e4843b2cbdb67cbf6e460fec350"
                + "aa5371b1508f9f4528ecea23c436d94b5e8fcd4f681e30a6ac00a9704a188a03"),
    ]
}

@Suite("Ed25519")
struct Ed25519Tests {
    @Test(
        "RFC 8032 vectors: public key from seed, signature, verification",
        arguments: RFC8032Vector.all)
    func rfc8032(_ vector: RFC8032Vector) throws {
        let key = try SigningKey(seed: TestHex.bytes(vector.seed))
        let message = try TestHex.bytes(vector.message)
        #expect(key.publicKey.hex == vector.publicKey)
        let signature = key.signature(for: message)
        #expect(signature.hex == vector.signature)
        let publicKey = try PublicKey(hex: vector.publicKey)
        #expect(publicKey.isValidSignature(try Signature(hex: vector.signature), for: message))
        #expect(!publicKey.isValidSignature(signature, for: message + [0]))
        key.withSeedBytes { seed in #expect(TestHex.encode(seed) == vector.seed) }
    }

    @Test("TEST 1024's message is 1023 bytes, as in the RFC")
    func longMessageLength() throws {
        let vector = try #require(RFC8032Vector.all.last)
        #expect(try TestHex.bytes(vector.message).count == 1023)
    }

    @Test("a generated key signs and verifies; its seed rebuilds the same key")
    func generatedKey() throws {
        let key = SigningKey.generate()
        let message = utf8("generated")
        let signature = key.signature(for: message)
        #expect(key.publicKey.isValidSignature(signature, for: message))
        #expect(!key.publicKey.isValidSignature(signature, for: utf8("generatEd")))
        let seed = key.withSeedBytes { Array($0) }
        #expect(try SigningKey(seed: seed).publicKey == key.publicKey)
        #expect(SigningKey.generate().publicKey != key.publicKey)
    }

    @Test("every single-bit change of a signature fails verification")
    func everySignatureBit() throws {
        let key = try EntryFixtures.alice()
        let message = utf8("bits")
        let signature = key.signature(for: message).bytes
        for bit in 0..<512 {
            var changed = signature
            changed[bit / 8] ^= UInt8(1 << (bit % 8))
            #expect(!key.publicKey.isValidSignature(try Signature(bytes: changed), for: message))
        }
    }

    @Test("signing a non-contiguous collection gives the same signature as an array")
    func nonContiguousMessage() throws {
        let key = try EntryFixtures.alice()
        let message: [UInt8] = Array(0..<100)
        let lazy = message.lazy.map { $0 }
        #expect(key.signature(for: lazy) == key.signature(for: message))
        #expect(key.publicKey.isValidSignature(key.signature(for: message), for: lazy))
    }

    @Test("keys and signatures reject wrong lengths and bad hex")
    func lengths() throws {
        #expect(throws: KeyError.wrongLength(expected: 32, actual: 31)) {
            try PublicKey(bytes: [UInt8](repeating: 1, count: 31))
        }
        #expect(throws: KeyError.wrongLength(expected: 32, actual: 33)) {
            try SigningKey(seed: [UInt8](repeating: 1, count: 33))
        }
        #expect(throws: KeyError.wrongLength(expected: 64, actual: 63)) {
            try Signature(bytes: [UInt8](repeating: 1, count: 63))
        }
        #expect(throws: KeyError.invalidHex) { try PublicKey(hex: "zz") }
        #expect(throws: KeyError.invalidHex) { try PublicKey(hex: "abc") }
        #expect(throws: KeyError.wrongLength(expected: 32, actual: 2)) {
            try PublicKey(hex: "abcd")
        }
        let upper = try PublicKey(hex: String(repeating: "AB", count: 32))
        #expect(upper.hex == String(repeating: "ab", count: 32))
        #expect(!KeyError.invalidHex.description.isEmpty)
    }

    @Test("printing a signing key shows only its public key")
    func signingKeyDescription() throws {
        let key = try EntryFixtures.alice()
        let seedHex = key.withSeedBytes { TestHex.encode($0) }
        #expect(!key.description.contains(seedHex))
        #expect(key.description.contains(key.publicKey.hex))
    }
}

@Suite("BLAKE2b, randomness, wiping")
struct HashAndRandomTests {
    @Test("BLAKE2b-256 known answers")
    func knownAnswers() {
        #expect(
            TestHex.encode(Blake2b.hash256(utf8("abc")))
                == "bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319")
        #expect(
            TestHex.encode(Blake2b.hash256([UInt8]()))
                == "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8")
    }

    @Test("keyed BLAKE2b-256 depends on the key and differs from unkeyed")
    func keyed() {
        let message = utf8("message")
        let first = Blake2b.hash256(key: [UInt8](repeating: 1, count: 32), message)
        let second = Blake2b.hash256(key: [UInt8](repeating: 2, count: 32), message)
        #expect(first.count == 32)
        #expect(first != second)
        #expect(first != Blake2b.hash256(message))
        #expect(Blake2b.hash256(key: [UInt8](), message) == Blake2b.hash256(message))
    }

    @Test("entry ids are BLAKE2b-256 of the bytes")
    func entryIDs() {
        let data = utf8("entry")
        #expect(EntryID(hashing: data).bytes == Blake2b.hash256(data))
    }

    @Test("secure random bytes have the requested length and are not repeated")
    func random() {
        #expect(SecureRandom.bytes(0).isEmpty)
        #expect(SecureRandom.bytes(-1).isEmpty)
        let first = SecureRandom.bytes(32)
        #expect(first.count == 32)
        #expect(first != SecureRandom.bytes(32))
    }

    @Test("wiping zeroes every byte and keeps the length")
    func wipe() {
        var secret: [UInt8] = Array(1...40)
        SecureMemory.wipe(&secret)
        #expect(secret == [UInt8](repeating: 0, count: 40))
    }

    @Test("initialization is idempotent")
    func sodium() {
        Sodium.ensureInitialized()
        Sodium.ensureInitialized()
        #expect(Blake2b.hash256(utf8("x")).count == 32)
    }
}
