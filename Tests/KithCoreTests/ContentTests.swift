import KithCore
import Testing

@Suite("Channel names")
struct ChannelNameTests {
    @Test(
        "valid names",
        arguments: [
            "general", "a", "dev-ops_2.0", "日本語", "हिंदी", "ünïcode", "Über", "٣٤",
            String(repeating: "x", count: 64),
        ]
    )
    func valid(_ name: String) throws {
        #expect(try ChannelName(name).name == name)
    }

    @Test("invalid names")
    func invalid() {
        #expect(throws: ContentError.emptyChannel) { try ChannelName("") }
        #expect(throws: ContentError.channelTooLong(65)) {
            try ChannelName(String(repeating: "x", count: 65))
        }
        #expect(throws: ContentError.channelTooLong(66)) {
            try ChannelName(String(repeating: "é", count: 33))
        }
        #expect(throws: ContentError.invalidChannelCharacter("G")) { try ChannelName("General") }
        #expect(throws: ContentError.invalidChannelCharacter("#")) { try ChannelName("#general") }
        #expect(throws: ContentError.invalidChannelCharacter(" ")) { try ChannelName("a b") }
        #expect(throws: ContentError.invalidChannelCharacter("/")) { try ChannelName("a/b") }
        #expect(throws: ContentError.invalidChannelCharacter("🎉")) { try ChannelName("party🎉") }
        #expect(throws: ContentError.invalidChannelCharacter("\u{0}")) { try ChannelName("a\u{0}") }
        #expect(throws: ContentError.invalidChannelCharacter("\u{A0}")) {
            try ChannelName("a\u{A0}b")
        }
    }

    @Test("user input: one leading # is stripped and ASCII is lowercased")
    func userInput() throws {
        #expect(try ChannelName(userInput: "#General").name == "general")
        #expect(try ChannelName(userInput: "DEV").name == "dev")
        #expect(try ChannelName(userInput: "#Über").name == "Über")
        #expect(throws: ContentError.invalidChannelCharacter("#")) {
            try ChannelName(userInput: "##x")
        }
        #expect(throws: ContentError.emptyChannel) { try ChannelName(userInput: "#") }
    }

    @Test("names compare by bytes, without normalization")
    func byteEquality() throws {
        let composed = try ChannelName("caf\u{E9}")
        let decomposed = try ChannelName("cafe\u{301}")
        #expect(composed.name == decomposed.name)  // Swift strings: canonically equivalent
        #expect(composed != decomposed)  // channels: different bytes
        #expect(Set([composed, decomposed]).count == 2)
        #expect(try ChannelName("a") < ChannelName("b"))
        #expect(try ChannelName("b") < ChannelName("é"))
        #expect(ChannelName.general.name == "general")
        #expect(ChannelName.general.description == "#general")
    }
}

@Suite("Display names")
struct DisplayNameTests {
    @Test("valid names", arguments: ["Alice", "Zoë 🎉", "a b", String(repeating: "x", count: 64)])
    func valid(_ name: String) throws {
        #expect(try DisplayName(name).name == name)
    }

    @Test("invalid names")
    func invalid() {
        #expect(throws: ContentError.emptyName) { try DisplayName("") }
        #expect(throws: ContentError.nameTooLong(65)) {
            try DisplayName(String(repeating: "x", count: 65))
        }
        #expect(throws: ContentError.nameControlCharacter("\n")) { try DisplayName("a\nb") }
        #expect(throws: ContentError.nameControlCharacter("\u{7F}")) { try DisplayName("a\u{7F}") }
        #expect(throws: ContentError.nameControlCharacter("\u{0}")) { try DisplayName("\u{0}") }
    }
}

@Suite("Post and about content")
struct PostAndAboutTests {
    @Test("a post encodes as length, channel, text and decodes back")
    func postRoundTrip() throws {
        let post = try Post(channel: ChannelName("ideas"), text: "Line one\nline two 🎉")
        let encoded = post.encoded()
        #expect(encoded == [5] + utf8("ideas") + utf8("Line one\nline two 🎉"))
        #expect(try Post(decoding: encoded) == post)
        #expect(try Post(decoding: ArraySlice([0xaa] + encoded).dropFirst()) == post)
    }

    @Test("post content that breaks the layout is malformed")
    func malformedPosts() {
        #expect(throws: ContentError.emptyContent) { try Post(decoding: []) }
        #expect(throws: ContentError.emptyChannel) { try Post(decoding: [0] + utf8("text")) }
        #expect(throws: ContentError.channelTooLong(65)) {
            try Post(decoding: [65] + [UInt8](repeating: 0x61, count: 70))
        }
        #expect(throws: ContentError.channelTruncated(declared: 5, available: 2)) {
            try Post(decoding: [5] + utf8("ab"))
        }
        #expect(throws: ContentError.emptyText) { try Post(decoding: [7] + utf8("general")) }
        #expect(throws: ContentError.invalidUTF8(.channel)) {
            try Post(decoding: [2, 0xc3, 0x28, 0x61])
        }
        #expect(throws: ContentError.invalidChannelCharacter("G")) {
            try Post(decoding: [1] + utf8("Gx"))
        }
        #expect(throws: ContentError.textContainsNUL) {
            try Post(decoding: [1] + utf8("a") + [0x62, 0])
        }
        // Overlong encoding, surrogate, truncated sequence, beyond U+10FFFF.
        for badText: [UInt8] in [
            [0xc0, 0x80], [0xed, 0xa0, 0x80], [0xe6, 0x97], [0xf4, 0x90, 0x80, 0x80],
        ] {
            #expect(throws: ContentError.invalidUTF8(.text)) {
                try Post(decoding: [1] + utf8("a") + badText)
            }
        }
    }

    @Test("making a post checks the text and the total size")
    func postLimits() throws {
        let channel = try ChannelName("general")
        #expect(throws: ContentError.emptyText) { try Post(channel: channel, text: "") }
        #expect(throws: ContentError.textContainsNUL) { try Post(channel: channel, text: "a\u{0}") }
        let room = EntryFormat.maxContentSize - 1 - 7
        let largest = try Post(channel: channel, text: String(repeating: "x", count: room))
        #expect(largest.encoded().count == EntryFormat.maxContentSize)
        #expect(throws: ContentError.contentTooLarge(EntryFormat.maxContentSize + 1)) {
            try Post(channel: channel, text: String(repeating: "x", count: room + 1))
        }
    }

    @Test("posts compare by bytes")
    func postEquality() throws {
        let channel = try ChannelName("general")
        #expect(
            try Post(channel: channel, text: "caf\u{E9}")
                != Post(channel: channel, text: "cafe\u{301}"))
    }

    @Test("an about is the name's bytes")
    func aboutRoundTrip() throws {
        let about = About(name: try DisplayName("Zoë"))
        #expect(about.encoded() == utf8("Zoë"))
        #expect(try About(decoding: about.encoded()) == about)
        #expect(throws: ContentError.emptyName) { try About(decoding: []) }
        #expect(throws: ContentError.nameTooLong(65)) {
            try About(decoding: [UInt8](repeating: 0x61, count: 65))
        }
        #expect(throws: ContentError.invalidUTF8(.name)) { try About(decoding: [0xff]) }
        #expect(throws: ContentError.nameControlCharacter("\t")) {
            try About(decoding: utf8("a\tb"))
        }
    }

    @Test("content types: names, descriptions, ranges")
    func contentTypes() {
        #expect(ContentType.post.rawValue == 1)
        #expect(ContentType.about.rawValue == 2)
        #expect(ContentType.post.name == "post")
        #expect(ContentType.about.name == "about")
        #expect(ContentType.privateMessage.rawValue == 3)
        #expect(ContentType.privateMessage.name == "private")
        #expect(ContentType.topic.rawValue == 4)
        #expect(ContentType.topic.name == "topic")
        #expect(ContentType(rawValue: 5).name == nil)
        #expect(ContentType(rawValue: 5).description == "0x0005")
        #expect(ContentType(rawValue: 0xff01).description == "0xff01")
        #expect(ContentType(rawValue: 0xff00).isExperimental)
        #expect(!ContentType(rawValue: 0xfeff).isExperimental)
    }

    @Test("content is read by type; errors are described")
    func contentByType() throws {
        #expect(
            Content(type: .about, bytes: utf8("Bo")) == .about(About(name: try DisplayName("Bo"))))
        #expect(Content(type: .about, bytes: []) == .malformed(.about, .emptyName))
        #expect(
            Content(type: ContentType(rawValue: 9), bytes: []) == .unknown(ContentType(rawValue: 9))
        )
        let errors: [ContentError] = [
            .emptyContent, .emptyChannel, .channelTooLong(65),
            .channelTruncated(declared: 3, available: 1),
            .invalidChannelCharacter("#"), .invalidChannelCharacter("\u{7}"), .emptyText,
            .textContainsNUL,
            .emptyName, .nameTooLong(65), .nameControlCharacter("\n"), .invalidUTF8(.text),
            .contentTooLarge(20_000),
        ]
        for error in errors { #expect(!error.description.isEmpty) }
        #expect(ContentError.invalidChannelCharacter("#").description.contains("U+0023 '#'"))
    }
}
