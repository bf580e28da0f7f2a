import KithCore
import KithTestSupport
import Testing

@testable import KithMesh

/// Each committed vector file, read as plain JSON and fed to the library: the inputs written in the
/// file must produce the outputs written in the file.
@Suite("Mesh vectors")
struct MeshVectorCheckTests {
    @Test("invite.json: codes parse to their key and name; damaged codes give their error")
    func invites() throws {
        let file = try VectorJSONReader(file: "invite.json")
        for entry in try file["codes"].array {
            let key = try CommunityKey(bytes: try entry["communityKey"].bytes)
            let name = try entry["name"].string
            let code = try InviteCode(communityKey: key, name: name)
            #expect(code.text == (try entry["code"].string))
            let parsed = try InviteCode(parsing: try entry["code"].string)
            #expect(parsed.communityKey == key)
            #expect(parsed.name == name)
            #expect(Array(name.utf8) == (try entry["nameHex"].bytes))
        }
        let accepted = try file["accepted"]
        #expect(
            try InviteCode(parsing: try accepted["text"].string).text
                == (try accepted["code"].string))
        try checkWhiteSpace(file["whiteSpace"], code: try file["codes"].array[0]["code"].string)
        for entry in try file["invalid"].array {
            let expected = try entry["expected"]
            let error: InviteCodeError =
                switch try expected["error"].string {
                case "badPrefix": .badPrefix
                case "badCharacter": .badCharacter(position: Int(try expected["position"].integer))
                case "badLength": .badLength
                case "badPadding": .badPadding
                case "badChecksum": .badChecksum
                case "unsupportedVersion":
                    .unsupportedVersion(UInt8(try expected["version"].integer))
                default: .badName
                }
            let note = try entry["note"].string
            let code = try entry["code"].string
            #expect(throws: error, "\(note)") { try InviteCode(parsing: code) }
        }
    }

    /// The listed White_Space code points are exactly Unicode's, as this Swift runtime knows them;
    /// each is trimmed from both ends of `code`; the others are not.
    private func checkWhiteSpace(_ lists: VectorJSONReader, code: String) throws {
        let trimmed = try lists["trimmed"].array.map { try Self.scalar($0.string) }
        let notTrimmed = try lists["notTrimmed"].array.map { try Self.scalar($0.string) }
        let all = (0...0x10_FFFF).compactMap(Unicode.Scalar.init(_:))
        #expect(all.filter(\.properties.isWhitespace) == trimmed)
        #expect(notTrimmed.allSatisfy { !$0.properties.isWhitespace })
        for scalar in trimmed {
            let text = String(scalar) + code + String(scalar)
            #expect(try InviteCode(parsing: text).text == code, "U+\(scalar.value)")
        }
        for scalar in notTrimmed {
            #expect(throws: InviteCodeError.badPrefix) {
                try InviteCode(parsing: String(scalar) + code)
            }
            #expect(throws: InviteCodeError.badCharacter(position: code.unicodeScalars.count)) {
                try InviteCode(parsing: code + String(scalar))
            }
        }
    }

    /// `U+0009` as a scalar.
    private static func scalar(_ text: String) throws -> Unicode.Scalar {
        guard text.hasPrefix("U+"), let value = UInt32(text.dropFirst(2), radix: 16),
            let scalar = Unicode.Scalar(value)
        else { throw VectorJSONReader.Missing(description: "not a code point: \(text)") }
        return scalar
    }

    @Test("beacon.json: beacons open to their fields; dropped datagrams are dropped")
    func beacons() throws {
        let file = try VectorJSONReader(file: "beacon.json")
        let label = Array(try file["beaconKeyLabel"].string.utf8)
        var receiverKeys: [BeaconKey] = []
        for entry in try file["beacons"].array {
            let communityKey = try entry["communityKey"].bytes
            let community = try CommunityKey(bytes: communityKey)
            #expect(
                BeaconKey(community: community).secret.bytes
                    == Blake2b.hash256(key: communityKey, label))
            #expect(BeaconKey(community: community).secret.bytes == (try entry["beaconKey"].bytes))
            if !receiverKeys.contains(where: { $0.community == community }) {
                receiverKeys.append(BeaconKey(community: community))
            }
        }
        #expect(receiverKeys.count == (try file["receiverCommunities"].array.count))
        for entry in try file["beacons"].array {
            let opened = try BeaconCodec.open(try entry["datagram"].bytes, keys: receiverKeys)
            let fields = try entry["fields"]
            #expect(opened.community.bytes == (try entry["communityKey"].bytes))
            #expect(opened.beacon.nodeKey.bytes == (try fields["nodeKey"].bytes))
            #expect(UInt64(opened.beacon.port) == (try fields["port"].integer))
            #expect(
                opened.beacon.bootID
                    == (try fields["bootID"].bytes).readBigEndian(UInt64.self, at: 0))
            #expect(opened.beacon.counter == (try fields["counter"].integer))
            #expect(opened.beacon.time == (try fields["time"].integer))
            #expect(UInt64(opened.beacon.flags.rawValue) == (try fields["flags"].integer))
            let plaintext = try entry["plaintext"].bytes
            if try entry["flagsByte"].string == "present" {
                #expect(opened.beacon.plaintext == plaintext)
            } else {
                #expect(Array(opened.beacon.plaintext.dropLast()) == plaintext)
            }
            #expect(Array(try entry["datagram"].bytes[3..<27]) == (try entry["nonce"].bytes))
        }
        for entry in try file["dropped"].array {
            let name = try entry["name"].string
            let datagram = try entry["datagram"].bytes
            #expect(throws: BeaconError.self, "\(name)") {
                try BeaconCodec.open(datagram, keys: receiverKeys)
            }
        }
    }

    @Test("entry-datagram.json: datagrams open to their fields; dropped datagrams at their rule")
    func entryDatagrams() throws {
        let file = try VectorJSONReader(file: "entry-datagram.json")
        let label = Array(try file["entryDatagramKeyLabel"].string.utf8)
        var receiverKeys: [EntryDatagramKey] = []
        for entry in try file["datagrams"].array {
            let communityKey = try entry["communityKey"].bytes
            let community = try CommunityKey(bytes: communityKey)
            let key = EntryDatagramKey(community: community)
            #expect(key.secret.bytes == Blake2b.hash256(key: communityKey, label))
            #expect(key.secret.bytes == (try entry["entryDatagramKey"].bytes))
            receiverKeys.append(key)
        }
        #expect(receiverKeys.count == (try file["receiverCommunities"].array.count))
        for entry in try file["datagrams"].array {
            let bytes = try entry["datagram"].bytes
            let opened = try EntryDatagramCodec.open(bytes, keys: receiverKeys)
            let fields = try entry["fields"]
            #expect(opened.community.bytes == (try entry["communityKey"].bytes))
            #expect(opened.datagram.nodeKey.bytes == (try fields["nodeKey"].bytes))
            #expect(
                opened.datagram.bootID
                    == (try fields["bootID"].bytes).readBigEndian(UInt64.self, at: 0))
            #expect(opened.datagram.counter == (try fields["counter"].integer))
            #expect(opened.datagram.time == (try fields["time"].integer))
            #expect(opened.entry.bytes == (try fields["entry"].bytes))
            #expect(opened.entry.hasValidSignature)
            #expect(opened.datagram.plaintext == (try entry["plaintext"].bytes))
            // Sealing the fields again with the file's nonce gives the file's datagram.
            var random = FixedRandomSource(try entry["nonce"].bytes)
            let key = try #require(receiverKeys.first { $0.community == opened.community })
            #expect(EntryDatagramCodec.seal(opened.datagram, with: key, using: &random) == bytes)
        }
        let errors: [String: (EntryDatagramError) -> Bool] = [
            "size": {
                if case .tooLarge = $0 { return true }
                if case .tooShort = $0 { return true }
                return false
            },
            "magic": { $0 == .badMagic },
            "version": { if case .unsupportedVersion = $0 { true } else { false } },
            "decryption": { $0 == .notForAnyCommunity },
            "entry": { $0 == .invalidEntry },
            "author": { $0 == .notFromAuthor },
            "community": { $0 == .wrongCommunity },
        ]
        for entry in try file["dropped"].array {
            let name = try entry["name"].string
            let rule = try #require(errors[try entry["rule"].string], "\(name)")
            let bytes = try entry["datagram"].bytes
            do throws(EntryDatagramError) {
                _ = try EntryDatagramCodec.open(bytes, keys: receiverKeys)
                Issue.record("\(name) was opened")
            } catch {
                #expect(rule(error), "\(name): \(error)")
            }
        }
    }

    @Test(
        "handshake.json: state machines fed the file's inputs produce the file's messages and keys")
    func handshake() throws {
        let file = try VectorJSONReader(file: "handshake.json")
        let community = try CommunityKey(bytes: try file["community"]["key"].bytes)
        let alice = try SigningKey(seed: try file["initiator"]["seed"].bytes)
        let bob = try SigningKey(seed: try file["responder"]["seed"].bytes)
        #expect(alice.publicKey.bytes == (try file["initiator"]["publicKey"].bytes))
        #expect(bob.publicKey.bytes == (try file["responder"]["publicKey"].bytes))
        #expect(
            Blake2b.hash256(key: community.bytes, Array("kith session key v1".utf8))
                == (try file["networkKey"].bytes))

        var initiatorRandom = FixedRandomSource(try file["initiator"]["ephemeralSecret"].bytes)
        var responderRandom = FixedRandomSource(try file["responder"]["ephemeralSecret"].bytes)
        var initiator = HandshakeInitiator(
            identity: alice, responder: bob.publicKey, community: community, using: &initiatorRandom
        )
        var responder = HandshakeResponder(
            identity: bob, communities: [DefaultCommunity.key, community], using: &responderRandom)

        guard case .send(let hello) = initiator.start().first else {
            Issue.record("no hello")
            return
        }
        #expect(hello == (try file["hello"].bytes))
        guard case .send(let reply) = responder.receive(try file["hello"].bytes).first else {
            Issue.record("no reply")
            return
        }
        #expect(reply == (try file["reply"].bytes))
        guard case .send(let auth) = initiator.receive(try file["reply"].bytes).first else {
            Issue.record("no auth")
            return
        }
        #expect(auth == (try file["auth"].bytes))
        let responderActions = responder.receive(try file["auth"].bytes)
        guard responderActions.count == 2, case .send(let accept) = responderActions[0],
            case .established(let bobSide) = responderActions[1]
        else {
            Issue.record("responder did not finish")
            return
        }
        #expect(accept == (try file["accept"].bytes))
        guard case .established(let aliceSide) = initiator.receive(try file["accept"].bytes).first
        else {
            Issue.record("initiator did not finish")
            return
        }
        #expect(aliceSide.keys.sending.bytes == (try file["initiatorToResponderKey"].bytes))
        #expect(aliceSide.keys.receiving.bytes == (try file["responderToInitiatorKey"].bytes))
        #expect(bobSide.keys.sending.bytes == (try file["responderToInitiatorKey"].bytes))
        #expect(aliceSide.keys.sessionID == (try file["sessionID"].bytes))
        #expect(bobSide.keys.sessionID == (try file["sessionID"].bytes))
        #expect(bobSide.community == community)

        // The messages open with the keys the file gives, and hold what the spec says.
        let authKey = try file["authKey"].bytes
        let authPlaintext = try #require(
            authKey.withUnsafeBytes { key in
                auth.withUnsafeBytes {
                    AEAD.chaCha20Poly1305.open(
                        $0, key: key, nonce: [UInt8](repeating: 0, count: 12))
                }
            })
        #expect(Array(authPlaintext[0..<32]) == alice.publicKey.bytes)
        #expect(Array(authPlaintext[32...]) == (try file["initiatorProof"].bytes))
        let proofMessage = try file["initiatorProofMessage"].bytes
        #expect(proofMessage.starts(with: Array("kith session v1 initiator proof".utf8)))
        #expect(proofMessage.count == 191)
        #expect(
            alice.publicKey.isValidSignature(
                try Signature(bytes: authPlaintext[32...]), for: proofMessage))
        let acceptKey = try file["acceptKey"].bytes
        let acceptPlaintext = try #require(
            acceptKey.withUnsafeBytes { key in
                accept.withUnsafeBytes {
                    AEAD.chaCha20Poly1305.open(
                        $0, key: key, nonce: [UInt8](repeating: 0, count: 12))
                }
            })
        #expect(acceptPlaintext == (try file["responderProof"].bytes))
        #expect((try file["responderProofMessage"].bytes).count == 255)
        #expect(
            bob.publicKey.isValidSignature(
                try Signature(bytes: acceptPlaintext), for: try file["responderProofMessage"].bytes)
        )
        let master = try file["master"].bytes
        #expect(
            Blake2b.hash256(key: master, Array("kith session v1 id".utf8))
                == (try file["sessionID"].bytes))
    }

    @Test(
        "frames.json: each direction's frames decode to their payloads; the oversize header fails")
    func frames() throws {
        let file = try VectorJSONReader(file: "frames.json")
        for direction in ["initiatorToResponder", "responderToInitiator"] {
            var keyBytes = try file[direction]["key"].bytes
            let key = SecretBytes(takingAndWiping: &keyBytes)
            var decoder = FrameDecoder(key: key)
            var encoder = FrameEncoder(key: key)
            var buffer = ReceiveBuffer()
            for frame in try file[direction]["frames"].array {
                #expect(decoder.nextNonceCounter == (try frame["headerNonceCounter"].integer))
                #expect(
                    try encoder.encode(try frame["payload"].bytes) == (try frame["frame"].bytes))
                buffer.append(contentsOf: try frame["frame"].bytes)
                #expect(try decoder.decode(buffer: &buffer) == (try frame["payload"].bytes))
            }
            #expect(buffer.isEmpty)
        }
        var keyBytes = try file["initiatorToResponder"]["key"].bytes
        var decoder = FrameDecoder(key: SecretBytes(takingAndWiping: &keyBytes))
        var buffer = ReceiveBuffer(try file["oversizeHeader"]["header"].bytes)
        #expect(throws: FrameError.frameTooLarge(byteCount: 65_537)) {
            try decoder.decode(buffer: &buffer)
        }
    }

    @Test("replication.json: messages decode to their fields and encode to their bytes; digests")
    func replication() throws {
        let file = try VectorJSONReader(file: "replication.json")
        let community = try CommunityID(bytes: try file["community"].bytes)
        for entry in try file["messages"].array {
            let bytes = try entry["hex"].bytes
            let message = try #require(try ReplicationMessage.decode(bytes))
            #expect(try message.encoded() == bytes)
            #expect(message.type.description == (try entry["type"].string))
            switch message {
            case .clock(let id, let chains):
                #expect(id == community)
                let items = try entry["items"].array
                #expect(chains.count == items.count)
                for (chain, item) in zip(chains, items) {
                    #expect(chain.author.bytes == (try item["author"].bytes))
                    #expect(chain.sequence == (try item["sequence"].integer))
                    #expect(UInt64(chain.flags) == (try item["flags"].integer))
                }
            case .communities(let proofs):
                let sender = try PublicKey(bytes: try entry["sender"].bytes)
                let expected = CommunityProof(
                    key: DefaultCommunity.key, sessionID: try entry["sessionID"].bytes,
                    sender: sender)
                #expect(proofs == [expected])
            case .entry(let entryBytes):
                #expect(entryBytes == (try entry["entry"].bytes))
                #expect(try Entry(decoding: entryBytes).hasValidSignature)
            case .ping(let nonce), .pong(let nonce):
                #expect(nonce == (try entry["nonce"].integer))
            case .goodbye(let reason, let text):
                #expect(UInt64(reason.rawValue) == (try entry["reason"].integer))
                #expect(text == (try entry["text"].string))
            case .digest(let id, let digest):
                #expect(id == community)
                let pair = try file["digests"].array[2]
                #expect(digest == (try Self.digest(of: pair)))
            }
        }
        for entry in try file["digests"].array {
            var expected: [ClockDigest.Bucket] = []
            for bucket in try entry["buckets"].array {
                expected.append(
                    ClockDigest.Bucket(
                        count: UInt32(try bucket["count"].integer),
                        hash: try Self.u64(bucket["hash"].bytes)))
            }
            #expect(try Self.digest(of: entry).buckets == expected)
            for item in try entry["items"].array {
                let author = try PublicKey(bytes: try item["author"].bytes)
                #expect(UInt64(ClockDigest.bucket(of: author)) == (try item["bucket"].integer))
                #expect(
                    ClockDigest.value(author: author, sequence: try item["sequence"].integer)
                        == (try Self.u64(item["value"].bytes)))
            }
        }
    }

    private static func u64(_ bytes: [UInt8]) -> UInt64 {
        bytes.reduce(0) { $0 << 8 | UInt64($1) }
    }

    private static func digest(of entry: VectorJSONReader) throws -> ClockDigest {
        var items: [ClockItem] = []
        for item in try entry["items"].array {
            items.append(
                ClockItem(
                    author: try PublicKey(bytes: try item["author"].bytes),
                    sequence: try item["sequence"].integer))
        }
        return ClockDigest(items)
    }
}
