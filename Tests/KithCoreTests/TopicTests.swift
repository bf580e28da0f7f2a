import KithCore
import Testing

@Suite("Topics")
struct TopicTests {
    private func content(channel: String, text: [UInt8]) -> [UInt8] {
        [UInt8(channel.utf8.count)] + utf8(channel) + text
    }

    @Test("encodes as channel length, channel and text, and decodes back")
    func roundTrip() throws {
        let topic = try Topic(channel: ChannelName("ideas"), text: "Plans, dates: 日本語 🎉\nline two")
        let bytes = topic.encoded()
        #expect(bytes == content(channel: "ideas", text: utf8(topic.text)))
        let decoded = try Topic(decoding: bytes)
        #expect(decoded == topic)
        #expect(decoded.channel.name == "ideas")
        #expect(!decoded.clears)
        #expect(Content(type: .topic, bytes: bytes) == .topic(topic))
        #expect(Content(type: .topic, bytes: bytes).type == .topic)
    }

    @Test("an empty text is a topic that clears the channel's topic")
    func emptyClears() throws {
        let topic = try Topic(channel: .general, text: "")
        #expect(topic.clears)
        #expect(topic.encoded() == content(channel: "general", text: []))
        #expect(try Topic(decoding: content(channel: "general", text: [])) == topic)
    }

    @Test("text limit: 512 bytes fit, 513 do not, counted in UTF-8 bytes")
    func textLimit() throws {
        let longest = String(repeating: "x", count: 512)
        #expect(try Topic(channel: .general, text: longest).text == longest)
        #expect(
            try Topic(decoding: content(channel: "general", text: utf8(longest))).text == longest)
        #expect(throws: ContentError.topicTooLong(513)) {
            try Topic(channel: .general, text: longest + "y")
        }
        #expect(throws: ContentError.topicTooLong(513)) {
            try Topic(decoding: content(channel: "general", text: utf8(longest + "y")))
        }
        #expect(throws: ContentError.topicTooLong(514)) {
            try Topic(channel: .general, text: String(repeating: "é", count: 257))
        }
    }

    @Test("channel limits: 64 bytes fit, 0 and 65 do not")
    func channelLimits() throws {
        let longest = String(repeating: "c", count: 64)
        #expect(
            try Topic(decoding: content(channel: longest, text: utf8("t"))).channel.name == longest)
        #expect(throws: ContentError.emptyChannel) { try Topic(decoding: [0] + utf8("text")) }
        #expect(throws: ContentError.channelTooLong(65)) {
            try Topic(decoding: content(channel: longest + "c", text: []))
        }
    }

    @Test(
        "malformed topics",
        arguments: [
            ([], ContentError.emptyContent),
            ([0], .emptyChannel),
            ([8] + Array("general".utf8), .channelTruncated(declared: 8, available: 7)),
            ([7] + Array("General".utf8), .invalidChannelCharacter("G")),
            ([2, 0xC3, 0x28], .invalidUTF8(.channel)),
            ([7] + Array("general".utf8) + [0x61, 0x00], .textContainsNUL),
            ([7] + Array("general".utf8) + [0xFF], .invalidUTF8(.text)),
            ([7] + Array("general".utf8) + [0xE6, 0x97], .invalidUTF8(.text)),
        ] as [([UInt8], ContentError)]
    )
    func malformed(_ bytes: [UInt8], _ error: ContentError) {
        #expect(throws: error) { try Topic(decoding: bytes) }
        #expect(Content(type: .topic, bytes: bytes) == .malformed(.topic, error))
    }

    @Test("a NUL in the text is refused when building a topic")
    func nulRefused() {
        #expect(throws: ContentError.textContainsNUL) {
            try Topic(channel: .general, text: "a\u{0}b")
        }
    }

    @Test("content type 0x0004 is named topic")
    func contentType() {
        #expect(ContentType.topic.rawValue == 0x0004)
        #expect(ContentType.topic.name == "topic")
        #expect(ContentType.topic.description == "topic")
    }

    @Test("the newer topic: greater timestamp, then greater id")
    func newerRule() throws {
        let low = try EntryID(bytes: [0x01] + [UInt8](repeating: 0xFF, count: 31))
        let high = try EntryID(bytes: [0x02] + [UInt8](repeating: 0x00, count: 31))
        #expect(Topic.isNewer(timestamp: 2, id: low, than: 1, id: high))
        #expect(!Topic.isNewer(timestamp: 1, id: high, than: 2, id: low))
        #expect(Topic.isNewer(timestamp: 5, id: high, than: 5, id: low))
        #expect(!Topic.isNewer(timestamp: 5, id: low, than: 5, id: high))
        #expect(!Topic.isNewer(timestamp: 5, id: low, than: 5, id: low))
    }
}
