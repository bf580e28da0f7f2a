import KithCore
import Testing

@Suite("Entry encoding")
struct EntryCodecTests {
    @Test("a signed entry decodes to the fields it was signed with")
    func roundTrip() throws {
        let key = try EntryFixtures.alice()
        let community = try CommunityKey(bytes: Array(100..<132)).id
        let content = utf8("payload")
        let entry = try Entry.sign(
            community: community, sequence: 7, previous: EntryFixtures.someID, timestamp: 42,
            contentType: ContentType(rawValue: 0x1234), content: content, with: key)

        #expect(entry.bytes.count == EntryFormat.minEntrySize + content.count)
        #expect(entry.version == 1)
        #expect(entry.community == community)
        #expect(entry.author == key.publicKey)
        #expect(entry.sequence == 7)
        #expect(entry.previous == EntryFixtures.someID)
        #expect(entry.timestamp == 42)
        #expect(entry.contentType == ContentType(rawValue: 0x1234))
        #expect(Array(entry.content) == content)
        #expect(entry.chain == ChainKey(author: key.publicKey, community: community))
        #expect(entry.id == EntryID(hashing: entry.bytes))
        #expect(entry.hasValidSignature)
        #expect(Array(entry.signingInput) == Array(entry.bytes.dropLast(64)))
        #expect(entry.signature.bytes == Array(entry.bytes.suffix(64)))

        let decoded = try Entry(validating: entry.bytes)
        #expect(decoded == entry)
        #expect(decoded.id == entry.id)
        let fromBuffer = try entry.bytes.withUnsafeBytes { (buffer) throws(EntryError) in
            try Entry(validating: buffer)
        }
        #expect(fromBuffer == entry)
    }

    @Test("the library's encoding is the table of entries.md, as the tests encode it")
    func layoutMatchesIndependentEncoder() throws {
        let key = try EntryFixtures.bob()
        let entry = try EntryFixtures.post(
            "layout", sequence: 3, previous: EntryFixtures.someID, key: key)
        let raw = RawEntry(
            community: DefaultCommunity.id.bytes, author: key.publicKey.bytes, sequence: 3,
            previous: EntryFixtures.someID.bytes, timestamp: EntryFixtures.timestamp,
            contentType: 1, content: Array(entry.content))
        #expect(raw.signed(with: key) == entry.bytes)
        #expect(entry.bytes[0] == 1)
        #expect(Array(entry.bytes[1..<33]) == DefaultCommunity.id.bytes)
        #expect(Array(entry.bytes[33..<65]) == key.publicKey.bytes)
        #expect(Array(entry.bytes[65..<73]) == bigEndian(UInt64(3)))
        #expect(Array(entry.bytes[115..<119]) == bigEndian(UInt32(entry.content.count)))
    }

    @Test("the content is a slice of the entry's bytes")
    func contentSlice() throws {
        let entry = try EntryFixtures.post("slice", key: EntryFixtures.alice())
        #expect(entry.content.startIndex == EntryFormat.headerSize)
        #expect(entry.content.endIndex == entry.bytes.count - EntryFormat.signatureSize)
    }

    @Test("decoded content: post, about, unknown, malformed")
    func decodedContent() throws {
        let key = try EntryFixtures.alice()
        let post = try EntryFixtures.post("hi", channel: "dev", key: key)
        #expect(post.decodedContent == .post(try Post(channel: ChannelName("dev"), text: "hi")))

        let about = try Entry.sign(
            community: DefaultCommunity.id, sequence: 1, previous: .zero, timestamp: 0,
            contentType: .about, content: utf8("Alice"), with: key)
        #expect(about.decodedContent == .about(About(name: try DisplayName("Alice"))))

        let unknown = try EntryFixtures.entry(sequence: 1, previous: .zero, key: key)
        #expect(unknown.decodedContent == .unknown(ContentType(rawValue: 0xff00)))

        let malformed = try Entry.sign(
            community: DefaultCommunity.id, sequence: 1, previous: .zero, timestamp: 0,
            contentType: .post, content: [0] + utf8("text"), with: key)
        #expect(malformed.decodedContent == .malformed(.post, .emptyChannel))
        #expect(malformed.decodedContent.type == .post)
    }

    @Test("the entry size is known from the first 119 bytes")
    func declaredSize() throws {
        let entry = try EntryFixtures.post("size", key: EntryFixtures.alice())
        #expect(EntryFormat.declaredEntrySize(prefix: entry.bytes.prefix(119)) == entry.bytes.count)
        #expect(EntryFormat.declaredEntrySize(prefix: entry.bytes.prefix(118)) == nil)
        #expect(EntryFormat.entrySize(contentLength: 0) == EntryFormat.minEntrySize)
        #expect(EntryFormat.minEntrySize == 183)
        #expect(EntryFormat.maxEntrySize == 16_567)
    }

    @Test("entries are equal exactly when their bytes are")
    func equality() throws {
        let key = try EntryFixtures.alice()
        let first = try EntryFixtures.post("one", key: key)
        let same = try Entry(decoding: first.bytes)
        let other = try EntryFixtures.post("two", key: key)
        #expect(first == same)
        #expect(first != other)
        #expect(Set([first, same, other]).count == 2)
        #expect(first.description.contains(String(first.id.hex.prefix(16))))
        #expect(first.description.contains("sequence: 1"))
        #expect(!first.description.contains("one"))
    }

    @Test("entry ids: hex, zero, ordering")
    func entryIDs() throws {
        #expect(EntryID.zero.isZero)
        #expect(EntryID.zero.hex == String(repeating: "0", count: 64))
        let id = try EntryID(hex: "01" + String(repeating: "0", count: 62))
        #expect(!id.isZero)
        #expect(EntryID.zero < id)
        let high = try EntryID(hex: "0100" + String(repeating: "f", count: 60))
        #expect(id < high)
        #expect(try EntryID(bytes: high.bytes) == high)
        #expect(high.description == high.hex)
    }

    @Test("every error names its rule and describes itself")
    func errorRules() {
        let cases: [(EntryError, String)] = [
            (.tooShort(1), "length"), (.tooLong(20_000), "length"),
            (.unsupportedVersion(2), "version"),
            (.contentLengthMismatch(declared: 1, actual: 2), "contentLength"),
            (.contentTooLarge(16_385), "contentLength"), (.zeroSequence, "sequence"),
            (.previousMustBeZero, "previous"), (.previousMustNotBeZero, "previous"),
            (.badSignature, "signature"),
        ]
        for (error, rule) in cases {
            #expect(error.rule == rule)
            #expect(!error.description.isEmpty)
        }
    }
}
