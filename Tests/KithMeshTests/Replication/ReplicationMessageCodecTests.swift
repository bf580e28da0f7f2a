import KithCore
import KithMesh
import Testing

@Suite("Replication message codec")
struct ReplicationMessageCodecTests {
    static let entry: Entry? = try? Entry.sign(
        community: ReplicationFixtures.communityKey(1).id, sequence: 1, previous: .zero,
        timestamp: 5,
        contentType: .post, content: Array("hello".utf8), with: ReplicationFixtures.signingKey(1))

    static var roundTripCases: [ReplicationMessage] {
        let proofs = (0..<64).compactMap { index in
            try? CommunityProof(bytes: [UInt8](repeating: UInt8(index), count: 32))
        }
        let chains = (0..<1_024).map {
            ClockItem(author: ReplicationFixtures.publicKey($0), sequence: UInt64($0) << 40 | 7)
        }
        let community = ReplicationFixtures.communityKey(2).id
        return [
            .communities([]),
            .communities(Array(proofs.prefix(1))),
            .communities(proofs),
            .clock(community: community, chains: []),
            .clock(
                community: community,
                chains: [ClockItem(author: ReplicationFixtures.publicKey(1), sequence: 0)]),
            .clock(community: community, chains: chains),
            .clock(
                community: community,
                chains: [
                    ClockItem(author: ReplicationFixtures.publicKey(2), sequence: 9, push: true),
                    ClockItem(author: ReplicationFixtures.publicKey(3), sequence: .max),
                ]),
            .digest(community: community, ClockDigest()),
            .digest(
                community: community,
                ClockDigest(
                    buckets: (0..<16).map {
                        ClockDigest.Bucket(count: UInt32($0) * 7, hash: UInt64($0) << 60 | 3)
                    })),
            .entry(entry?.bytes ?? []),
            .entry([UInt8](repeating: 0xaa, count: 16_567)),
            .ping(nonce: 0),
            .ping(nonce: .max),
            .pong(nonce: 0x0102_0304_0506_0708),
            .goodbye(.shutdown, text: ""),
            .goodbye(.invalidEntries, text: "bye"),
            .goodbye(GoodbyeReason(rawValue: 200), text: String(repeating: "é", count: 100)),
        ]
    }

    @Test("every message decodes to itself", arguments: roundTripCases)
    func roundTrip(_ message: ReplicationMessage) throws {
        let bytes = try message.encoded()
        #expect(bytes.count == message.encodedCount)
        #expect(bytes.first == message.type.rawValue)
        #expect(try ReplicationMessage.decode(bytes) == message)
    }

    @Test("layouts are as replication.md writes them")
    func layouts() throws {
        #expect(
            try ReplicationMessage.ping(nonce: 0x0102_0304_0506_0708).encoded() == [
                4, 1, 2, 3, 4, 5, 6, 7, 8,
            ])
        #expect(try ReplicationMessage.pong(nonce: 1).encoded() == [5, 0, 0, 0, 0, 0, 0, 0, 1])
        #expect(
            try ReplicationMessage.goodbye(.protocolError, text: "ab").encoded() == [
                6, 3, 0x61, 0x62,
            ])
        let proof = try CommunityProof(bytes: [UInt8](repeating: 9, count: 32))
        #expect(
            try ReplicationMessage.communities([proof]).encoded() == [1, 1]
                + [UInt8](repeating: 9, count: 32))
        let community = ReplicationFixtures.communityKey(3).id
        let author = ReplicationFixtures.publicKey(4)
        let clock = try ReplicationMessage.clock(
            community: community, chains: [ClockItem(author: author, sequence: 0x0102)]
        ).encoded()
        #expect(
            clock == [2] + community.bytes + [0, 1] + author.bytes + [0, 0, 0, 0, 0, 0, 1, 2, 0])
        let asking = try ReplicationMessage.clock(
            community: community, chains: [ClockItem(author: author, sequence: 3, push: true)]
        ).encoded()
        #expect(
            asking == [2] + community.bytes + [0, 1] + author.bytes + [0, 0, 0, 0, 0, 0, 0, 3, 1])
        var buckets = [ClockDigest.Bucket](repeating: .init(), count: 16)
        buckets[1] = ClockDigest.Bucket(count: 0x0102_0304, hash: 0x0506_0708_090a_0b0c)
        let digest = try ReplicationMessage.digest(
            community: community, ClockDigest(buckets: buckets)
        ).encoded()
        #expect(
            digest == [7] + community.bytes + [UInt8](repeating: 0, count: 12)
                + [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] + [UInt8](repeating: 0, count: 14 * 12))
        let entryBytes = try #require(Self.entry).bytes
        #expect(try ReplicationMessage.entry(entryBytes).encoded() == [3] + entryBytes)
    }

    @Test("reserved flag bits are ignored on receipt and never sent")
    func reservedFlags() throws {
        let community = ReplicationFixtures.communityKey(3).id
        let author = ReplicationFixtures.publicKey(4)
        let frame =
            [2] + community.bytes + [0, 2] + author.bytes + [0, 0, 0, 0, 0, 0, 0, 1, 0xfe]
            + ReplicationFixtures.publicKey(5).bytes + [0, 0, 0, 0, 0, 0, 0, 2, 0xff]
        let decoded = try ReplicationMessage.decode(frame)
        #expect(
            decoded
                == .clock(
                    community: community,
                    chains: [
                        ClockItem(author: author, sequence: 1, push: false),
                        ClockItem(
                            author: ReplicationFixtures.publicKey(5), sequence: 2, push: true),
                    ]))
        #expect(try decoded?.encoded().last == 1)
    }

    @Test("unknown message types are ignored", arguments: [UInt8(0x00), 0x08, 0x80, 0xff])
    func unknownType(_ type: UInt8) throws {
        #expect(try ReplicationMessage.decode([type]) == nil)
        #expect(try ReplicationMessage.decode([type, 1, 2, 3]) == nil)
    }

    static var malformedCases: [([UInt8], ReplicationMessageError)] {
        let author = ReplicationFixtures.publicKey(1)
        let community = ReplicationFixtures.communityKey(1).id.bytes
        let item = author.bytes + [0, 0, 0, 0, 0, 0, 0, 1, 0]
        return [
            ([], .empty),
            ([1], .truncated(.communities, expected: 1, actual: 0)),
            ([1, 65] + [UInt8](repeating: 0, count: 65 * 32), .tooManyProofs(65)),
            ([1, 255], .tooManyProofs(255)),
            (
                [1, 2] + [UInt8](repeating: 0, count: 32),
                .truncated(.communities, expected: 65, actual: 33)
            ),
            (
                [1, 1] + [UInt8](repeating: 0, count: 33),
                .trailingBytes(.communities, expected: 33, actual: 34)
            ),
            ([1, 0, 0], .trailingBytes(.communities, expected: 1, actual: 2)),
            ([2] + community, .truncated(.clock, expected: 34, actual: 32)),
            ([2] + community + [0x04, 0x01], .tooManyChains(1_025)),
            ([2] + community + [0xff, 0xff], .tooManyChains(65_535)),
            (
                [2] + community + [0x04, 0x00],
                .truncated(.clock, expected: 34 + 1_024 * 41, actual: 34)
            ),
            (
                [2] + community + [0, 1] + item.dropLast(),
                .truncated(.clock, expected: 75, actual: 74)
            ),
            (
                [2] + community + [0, 1] + item + [0],
                .trailingBytes(.clock, expected: 75, actual: 76)
            ),
            ([2] + community + [0, 0, 0], .trailingBytes(.clock, expected: 34, actual: 35)),
            ([2] + community + [0, 2] + item + item, .repeatedAuthor(author)),
            ([7] + community, .truncated(.digest, expected: 224, actual: 32)),
            (
                [7] + community + [UInt8](repeating: 0, count: 193),
                .trailingBytes(.digest, expected: 224, actual: 225)
            ),
            ([3], .entryTooShort(0)),
            ([3] + [UInt8](repeating: 1, count: 182), .entryTooShort(182)),
            ([3] + [UInt8](repeating: 1, count: 16_568), .entryTooLong(16_568)),
            ([4], .truncated(.ping, expected: 8, actual: 0)),
            ([4, 1, 2, 3, 4, 5, 6, 7], .truncated(.ping, expected: 8, actual: 7)),
            ([4, 1, 2, 3, 4, 5, 6, 7, 8, 9], .trailingBytes(.ping, expected: 8, actual: 9)),
            ([5, 1], .truncated(.pong, expected: 8, actual: 1)),
            (
                [5] + [UInt8](repeating: 0, count: 16),
                .trailingBytes(.pong, expected: 8, actual: 16)
            ),
            ([6], .truncated(.goodbye, expected: 1, actual: 0)),
            ([6, 0] + [UInt8](repeating: 0x61, count: 201), .goodbyeTextTooLong(201)),
            ([6, 0, 0xc3], .goodbyeTextNotUTF8),
            ([6, 0, 0xff, 0xfe], .goodbyeTextNotUTF8),
        ]
    }

    @Test("malformed frames are rejected with the rule they break", arguments: malformedCases)
    func malformed(_ frame: [UInt8], _ expected: ReplicationMessageError) {
        #expect(throws: expected) { try ReplicationMessage.decode(frame) }
    }

    @Test("the largest bodies within the limits decode")
    func limitsAreInclusive() throws {
        let longest = [UInt8](repeating: 0x61, count: 200)
        #expect(
            try ReplicationMessage.decode([6, 4] + longest)
                == .goodbye(.invalidEntries, text: String(repeating: "a", count: 200)))
        #expect(
            try ReplicationMessage.decode([3] + [UInt8](repeating: 0, count: 183))
                == .entry([UInt8](repeating: 0, count: 183)))
    }

    @Test("messages over the limits do not encode")
    func encodingChecksLimits() throws {
        let proof = try CommunityProof(bytes: [UInt8](repeating: 1, count: 32))
        #expect(throws: ReplicationMessageError.tooManyProofs(65)) {
            try ReplicationMessage.communities(Array(repeating: proof, count: 65)).encoded()
        }
        let community = ReplicationFixtures.communityKey(1).id
        let chains = (0..<1_025).map {
            ClockItem(author: ReplicationFixtures.publicKey($0), sequence: 1)
        }
        #expect(throws: ReplicationMessageError.tooManyChains(1_025)) {
            try ReplicationMessage.clock(community: community, chains: chains).encoded()
        }
        let author = ReplicationFixtures.publicKey(9)
        #expect(throws: ReplicationMessageError.repeatedAuthor(author)) {
            try ReplicationMessage.clock(
                community: community,
                chains: [
                    ClockItem(author: author, sequence: 1), ClockItem(author: author, sequence: 2),
                ]
            ).encoded()
        }
        #expect(throws: ReplicationMessageError.entryTooShort(10)) {
            try ReplicationMessage.entry([UInt8](repeating: 0, count: 10)).encoded()
        }
        #expect(throws: ReplicationMessageError.entryTooLong(16_568)) {
            try ReplicationMessage.entry([UInt8](repeating: 0, count: 16_568)).encoded()
        }
        #expect(throws: ReplicationMessageError.goodbyeTextTooLong(201)) {
            try ReplicationMessage.goodbye(.shutdown, text: String(repeating: "x", count: 201))
                .encoded()
        }
    }

    @Test("goodbye text is cut at a character boundary within 200 bytes")
    func goodbyeTruncation() throws {
        let message = ReplicationMessage.goodbye(
            .protocolError, truncating: "a" + String(repeating: "é", count: 150))
        guard case .goodbye(let reason, let text) = message else {
            Issue.record("not a goodbye")
            return
        }
        #expect(reason == .protocolError)
        #expect(text.utf8.count == 199)
        #expect(text == "a" + String(repeating: "é", count: 99))
        #expect(try ReplicationMessage.decode(try message.encoded()) == message)
    }

    @Test("every error explains itself")
    func descriptions() {
        for (_, error) in Self.malformedCases {
            #expect(!error.description.isEmpty)
        }
        #expect(GoodbyeReason(rawValue: 9).description == "reason 9")
        #expect(GoodbyeReason.invalidEntries.description == "invalid entries")
    }
}
