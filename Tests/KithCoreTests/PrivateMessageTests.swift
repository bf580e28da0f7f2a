import KithCore
import Testing

@Suite("Private messages")
struct PrivateMessageTests {
    let alice: SigningKey
    let bob: SigningKey
    let carol: SigningKey

    init() throws {
        alice = try SigningKey(seed: Array(repeating: 1, count: 32))
        bob = try SigningKey(seed: Array(repeating: 2, count: 32))
        carol = try SigningKey(seed: Array(repeating: 3, count: 32))
    }

    private func seal(_ text: String = "hello bob") throws -> [UInt8] {
        try PrivateMessage.seal(text: text, to: bob.publicKey, from: alice)
    }

    @Test("the recipient opens what the sender sealed")
    func roundTrip() throws {
        let content = try seal("hello bob\nsecond line ✓")
        let opened = PrivateMessage.open(content: content, authorKey: alice.publicKey, with: bob)
        #expect(opened?.text == "hello bob\nsecond line ✓")
        #expect(opened?.sender == alice.publicKey)
        #expect(opened?.recipient == bob.publicKey)
    }

    @Test("the sender opens their own sent message")
    func senderOpens() throws {
        let content = try seal()
        let opened = PrivateMessage.open(content: content, authorKey: alice.publicKey, with: alice)
        #expect(opened?.text == "hello bob")
        #expect(opened?.recipient == bob.publicKey)
    }

    @Test("a message to oneself opens")
    func toSelf() throws {
        let content = try PrivateMessage.seal(text: "note", to: alice.publicKey, from: alice)
        let opened = PrivateMessage.open(content: content, authorKey: alice.publicKey, with: alice)
        #expect(opened?.text == "note")
        #expect(opened?.recipient == alice.publicKey)
    }

    @Test("a third key cannot open it")
    func thirdKeyFails() throws {
        let content = try seal()
        #expect(
            PrivateMessage.open(content: content, authorKey: alice.publicKey, with: carol) == nil)
    }

    @Test("changing any byte makes it unopenable, for recipient and sender")
    func tamperingFails() throws {
        let content = try seal()
        for index in content.indices {
            var altered = content
            altered[index] ^= 0x01
            #expect(
                PrivateMessage.open(content: altered, authorKey: alice.publicKey, with: bob) == nil,
                "byte \(index)")
            #expect(
                PrivateMessage.open(content: altered, authorKey: alice.publicKey, with: alice)
                    == nil, "byte \(index)")
        }
    }

    @Test("the same content under another author does not open")
    func otherAuthorFails() throws {
        let content = try seal()
        #expect(PrivateMessage.open(content: content, authorKey: carol.publicKey, with: bob) == nil)
        #expect(PrivateMessage.open(content: content, authorKey: bob.publicKey, with: bob) == nil)
        // Re-signed by Carol, Carol cannot read it through the sender slot either.
        #expect(
            PrivateMessage.open(content: content, authorKey: carol.publicKey, with: carol) == nil)
    }

    @Test("texts in the same 64-byte bucket seal to the same length")
    func paddingHidesLength() throws {
        let short = try seal("a")
        let longer = try seal(String(repeating: "b", count: 30))
        let nextBucket = try seal(String(repeating: "c", count: 31))
        #expect(short.count == longer.count)
        #expect(short.count == SealedPrivateMessage.minimumByteCount)
        #expect(nextBucket.count == short.count + SealedPrivateMessage.paddingBlock)
        #expect(
            PrivateMessage.sealedByteCount(textByteCount: 31) == nextBucket.count)
    }

    @Test("two seals of the same text differ")
    func sealsAreRandomized() throws {
        #expect(try seal() != seal())
    }

    @Test("the longest text fits in an entry and one more byte is refused")
    func sizeLimit() throws {
        let longest = String(repeating: "x", count: PrivateMessage.maxTextByteCount)
        let content = try seal(longest)
        #expect(content.count <= EntryFormat.maxContentSize)
        #expect(
            PrivateMessage.open(content: content, authorKey: alice.publicKey, with: bob)?.text
                == longest)
        #expect(throws: ContentError.self) { try seal(longest + "x") }
    }

    @Test("empty text and NUL are refused")
    func textRules() {
        #expect(throws: ContentError.emptyText) { try seal("") }
        #expect(throws: ContentError.textContainsNUL) { try seal("a\u{0}b") }
    }

    @Test("content decodes as a sealed private message holding the bytes")
    func contentDecodes() throws {
        let content = try seal()
        #expect(
            Content(type: .privateMessage, bytes: content)
                == .private(try SealedPrivateMessage(decoding: content)))
        #expect(Content(type: .privateMessage, bytes: content).type == .privateMessage)
        #expect(ContentType.privateMessage.name == "private")
    }

    @Test("malformed content is reported, not opened, and does not crash")
    func malformed() throws {
        let content = try seal()
        var wrongVersion = content
        wrongVersion[0] = 2
        let cases: [([UInt8], ContentError)] = [
            ([], .emptyContent),
            ([1], .privateMessageLength(1)),
            (Array(content.prefix(100)), .privateMessageLength(100)),
            (Array(content.dropLast()), .privateMessageLength(content.count - 1)),
            (wrongVersion, .privateMessageVersion(2)),
        ]
        for (bytes, error) in cases {
            #expect(
                Content(type: .privateMessage, bytes: bytes) == .malformed(.privateMessage, error))
            #expect(
                PrivateMessage.open(content: bytes, authorKey: alice.publicKey, with: bob) == nil)
        }
    }

    @Test("private.json's unopenable plaintexts verify but open for neither recipient nor sender")
    func unopenableVectors() throws {
        let sources = try VectorSources()
        for vector in PrivateVectorDocument.unopenable(sources) {
            let content = try vector.sealed(sources)
            guard case .private = Content(type: .privateMessage, bytes: content) else {
                Issue.record("\(vector.name): the layout itself should be well formed")
                continue
            }
            for key in [sources.bob.key, sources.alice.key] {
                #expect(
                    PrivateMessage.open(
                        content: content, authorKey: sources.alice.key.publicKey, with: key)
                        == nil, "\(vector.name)")
            }
        }
    }

    @Test("the vectors in private.json open for recipient and sender, not for the outsider")
    func vectorsOpen() throws {
        let sources = try VectorSources()
        for vector in PrivateVectorDocument.cases(sources) {
            let content = try vector.sealed()
            let author = vector.sender.key.publicKey
            #expect(
                PrivateMessage.open(
                    content: content, authorKey: author, with: vector.recipient.key)?
                    .text == vector.text)
            #expect(
                PrivateMessage.open(content: content, authorKey: author, with: vector.sender.key)?
                    .text == vector.text)
            #expect(
                PrivateMessage.open(
                    content: content, authorKey: author, with: sources.rfc8032Test1.key) == nil)
        }
    }
}
