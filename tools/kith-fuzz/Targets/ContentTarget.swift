import KithCore

/// The content decoders (content.md). The first byte picks the type (post, about, topic or
/// private); the rest is the content. A decoded value must encode back to exactly its bytes,
/// survive being built again from its fields, and agree with `Content(type:bytes:)`.
enum ContentTarget {
    static let target = FuzzTarget(
        name: "content", summary: "Post, About, Topic and SealedPrivateMessage decoders",
        run: run)

    /// The content types the first byte picks from, in order.
    static let types: [ContentType] = [.post, .about, .topic, .privateMessage]

    static func run(_ data: UnsafeRawBufferPointer) {
        var input = FuzzInput(data)
        let type = types[Int(input.byte()) % types.count]
        let bytes = input.rest()
        let content = Content(type: type, bytes: bytes)
        fuzzCheck(content.type == type, "Content(type:bytes:) changed the type")
        switch type {
        case .post: checkPost(bytes, content)
        case .about: checkAbout(bytes, content)
        case .topic: checkTopic(bytes, content)
        default: checkPrivate(bytes, content)
        }
    }

    private static func checkPost(_ bytes: [UInt8], _ content: Content) {
        guard let post = try? Post(decoding: bytes) else {
            fuzzCheck(!isWellFormed(content), "Content accepted a post Post rejected")
            return
        }
        fuzzCheck(content == .post(post), "Content read the post differently")
        fuzzCheck(post.encoded() == bytes, "the post does not encode to its bytes")
        let rebuilt = try? Post(channel: post.channel, text: post.text)
        fuzzCheck(rebuilt == post, "the post's fields do not make the same post")
    }

    private static func checkAbout(_ bytes: [UInt8], _ content: Content) {
        guard let about = try? About(decoding: bytes) else {
            fuzzCheck(!isWellFormed(content), "Content accepted an about About rejected")
            return
        }
        fuzzCheck(content == .about(about), "Content read the about differently")
        fuzzCheck(about.encoded() == bytes, "the about does not encode to its bytes")
        fuzzCheck(About(name: about.name) == about, "the about's name does not make the same about")
    }

    private static func checkTopic(_ bytes: [UInt8], _ content: Content) {
        guard let topic = try? Topic(decoding: bytes) else {
            fuzzCheck(!isWellFormed(content), "Content accepted a topic Topic rejected")
            return
        }
        fuzzCheck(content == .topic(topic), "Content read the topic differently")
        fuzzCheck(topic.encoded() == bytes, "the topic does not encode to its bytes")
        let rebuilt = try? Topic(channel: topic.channel, text: topic.text)
        fuzzCheck(rebuilt == topic, "the topic's fields do not make the same topic")
        fuzzCheck(topic.clears == topic.text.isEmpty, "clears disagrees with the text")
    }

    private static func checkPrivate(_ bytes: [UInt8], _ content: Content) {
        guard let sealed = try? SealedPrivateMessage(decoding: bytes) else {
            fuzzCheck(!isWellFormed(content), "Content accepted a message the decoder rejected")
            return
        }
        fuzzCheck(content == .private(sealed), "Content read the message differently")
        fuzzCheck(sealed.bytes == bytes, "the sealed message does not keep its bytes")
        let body = bytes.count - SealedPrivateMessage.headerByteCount
        fuzzCheck(
            body >= SealedPrivateMessage.paddingBlock + SealedPrivateMessage.tagByteCount
                && (body - SealedPrivateMessage.tagByteCount) % SealedPrivateMessage.paddingBlock
                    == 0,
            "a sealed message of \(bytes.count) bytes was accepted")
    }

    private static func isWellFormed(_ content: Content) -> Bool {
        if case .malformed = content { return false }
        return true
    }
}
