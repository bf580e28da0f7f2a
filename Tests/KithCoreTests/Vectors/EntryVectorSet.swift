import KithCore

/// A valid entry in the vectors.
struct EntryVector {
    var name: String
    var note: String
    var author: VectorKey
    var community: VectorCommunity
    var entry: Entry
}

/// Bytes that break one validation rule.
struct InvalidVector {
    var name: String
    var note: String
    var bytes: [UInt8]
    var rule: String
}

/// One entry fed to the log in the chain steps, and the decision for it.
struct ChainStep {
    var entryName: String
    var decision: ChainDecision
}

/// Every entry vector, invalid case and chain step, built from `VectorSources`.
struct EntryVectorSet {
    var entries: [EntryVector] = []
    var invalid: [InvalidVector] = []
    var steps: [ChainStep] = []
    let sources: VectorSources

    /// `L`, the order of the Ed25519 base point, little-endian.
    static let groupOrder: [UInt8] = [
        0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde,
        0x14,
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x10,
    ]

    init(sources: VectorSources) throws {
        self.sources = sources
        try buildEntries()
        try buildInvalidCases()
        try buildChainSteps()
    }

    func entry(named name: String) -> EntryVector? {
        entries.first { $0.name == name }
    }

    private mutating func add(
        _ name: String, _ note: String, author: VectorKey, community: VectorCommunity,
        sequence: UInt64, previous: String?, minute: UInt64, type: ContentType, content: [UInt8]
    ) throws {
        let previousID = previous.flatMap { self.entry(named: $0)?.entry.id } ?? .zero
        let signed = try Entry.sign(
            community: community.key.id, sequence: sequence, previous: previousID,
            timestamp: VectorSources.timestamp(minute: minute), contentType: type, content: content,
            with: author.key)
        entries.append(
            EntryVector(name: name, note: note, author: author, community: community, entry: signed)
        )
    }

    private func post(_ channel: String, _ text: String) throws -> [UInt8] {
        try Post(channel: ChannelName(channel), text: text).encoded()
    }

    private mutating func buildEntries() throws {
        let alice = sources.alice
        let bob = sources.bob
        let lobby = sources.lobby
        let garden = sources.garden
        try add(
            "alice-1", "alice's first entry in the lobby: a post to #general", author: alice,
            community: lobby, sequence: 1, previous: nil, minute: 0, type: .post,
            content: post("general", "Hello, Kith!"))
        try add(
            "alice-2", "alice sets her display name", author: alice, community: lobby, sequence: 2,
            previous: "alice-1", minute: 1, type: .about,
            content: About(name: DisplayName("Alice")).encoded())
        try add(
            "alice-3", "a post in another channel, two lines of non-ASCII text", author: alice,
            community: lobby, sequence: 3, previous: "alice-2", minute: 2, type: .post,
            content: post("ideas", "Two lines,\nand some UTF-8: café, 日本語, 🎉"))
        try add(
            "alice-4-broken-link",
            "sequence 4 but previous is alice-2, not alice-3: a broken link (a fork)",
            author: alice, community: lobby, sequence: 4, previous: "alice-2", minute: 3,
            type: .post, content: post("general", "Written from an old backup."))
        try add(
            "bob-1", "bob's first entry in the lobby", author: bob, community: lobby, sequence: 1,
            previous: nil, minute: 4, type: .post, content: post("general", "Hi Alice."))
        try add(
            "bob-2", "an unknown (experimental) content type: still a valid entry", author: bob,
            community: lobby, sequence: 2, previous: "bob-1", minute: 5,
            type: ContentType(rawValue: 0xff01),
            content: utf8("experimental payload") + [0x00, 0xff])
        try add(
            "bob-2-fork", "a second entry at bob's sequence 2: bob-2 and this are a fork pair",
            author: bob, community: lobby, sequence: 2, previous: "bob-1", minute: 6, type: .post,
            content: post("general", "Same sequence, different entry."))
        try add(
            "bob-3-on-fork", "extends bob-2-fork, the forked branch", author: bob, community: lobby,
            sequence: 3, previous: "bob-2-fork", minute: 7, type: .post,
            content: post("general", "Extends the fork."))
        try add(
            "alice-garden-1", "a post with channel length 0: a valid entry, malformed content",
            author: alice, community: garden, sequence: 1, previous: nil, minute: 8, type: .post,
            content: [0x00] + utf8("no channel"))
        try add(
            "alice-garden-2", "a channel name of non-ASCII letters and marks", author: alice,
            community: garden, sequence: 2, previous: "alice-garden-1", minute: 9, type: .post,
            content: post("हिंदी", "नमस्ते"))
        try add(
            "bob-garden-1", "the smallest entry: no content (183 bytes)", author: bob,
            community: garden, sequence: 1, previous: nil, minute: 10,
            type: ContentType(rawValue: 0xff00), content: [])
        try add(
            "bob-garden-2", "the largest entry: 16,384 content bytes (16,567 bytes)", author: bob,
            community: garden, sequence: 2, previous: "bob-garden-1", minute: 11,
            type: ContentType(rawValue: 0xff02), content: (0..<16_384).map { UInt8($0 % 251) })
        try add(
            "alice-garden-3", "a topic for #general", author: alice, community: garden,
            sequence: 3, previous: "alice-garden-2", minute: 12, type: .topic,
            content: Topic(channel: .general, text: "Seeds, soil and harvest dates").encoded())
        try add(
            "bob-garden-3", "an empty topic: clears the topic of #general", author: bob,
            community: garden, sequence: 3, previous: "bob-garden-2", minute: 13, type: .topic,
            content: Topic(channel: .general, text: "").encoded())
        try add(
            "alice-garden-4", "a topic whose text holds a NUL: a valid entry, malformed content",
            author: alice, community: garden, sequence: 4, previous: "alice-garden-3", minute: 14,
            type: .topic, content: [7] + utf8("general") + utf8("a") + [0x00] + utf8("b"))
        try add(
            "alice-garden-5", "a topic for #हिंदी at the same timestamp as bob-garden-4",
            author: alice, community: garden, sequence: 5, previous: "alice-garden-4", minute: 15,
            type: .topic, content: Topic(channel: ChannelName("हिंदी"), text: "alice's").encoded())
        try add(
            "bob-garden-4",
            "a topic for #हिंदी at the same timestamp as alice-garden-5: the greater id wins",
            author: bob, community: garden, sequence: 4, previous: "bob-garden-3", minute: 15,
            type: .topic, content: Topic(channel: ChannelName("हिंदी"), text: "bob's").encoded())
        try add(
            "bob-2-third",
            "a third entry at bob's sequence 2: a further fork of a forked chain (forkIgnored)",
            author: bob, community: lobby, sequence: 2, previous: "bob-1", minute: 16, type: .post,
            content: post("general", "A third entry at the same sequence."))
        let sealed = try PrivateVectorDocument.cases(sources)[0].sealed()
        try add(
            "alice-garden-6",
            "a private message to bob: private.json's alice-to-bob content in alice's chain",
            author: alice, community: garden, sequence: 6, previous: "alice-garden-5", minute: 17,
            type: .privateMessage, content: sealed)
        try add(
            "bob-garden-5",
            "a private message one byte short of its layout (89 + 64 + 15 bytes): malformed",
            author: bob, community: garden, sequence: 5, previous: "bob-garden-4", minute: 18,
            type: .privateMessage, content: Array(sealed.dropLast()))
        var version2 = sealed
        version2[0] = 2
        try add(
            "bob-garden-6", "a private message of layout version 2: malformed for this version",
            author: bob, community: garden, sequence: 6, previous: "bob-garden-5", minute: 19,
            type: .privateMessage, content: version2)
    }

    private mutating func buildInvalidCases() throws {
        guard let alice1 = entry(named: "alice-1")?.entry,
            let alice2 = entry(named: "alice-2")?.entry,
            let bob1 = entry(named: "bob-1")?.entry,
            let largest = entry(named: "bob-garden-2")?.entry
        else { return }
        let alice = sources.alice.key
        let base = RawEntry(alice1)
        let signature = alice1.signature.bytes

        var cases: [InvalidVector] = []
        func invalid(_ name: String, _ rule: String, _ note: String, _ bytes: [UInt8]) {
            cases.append(InvalidVector(name: name, note: note, bytes: bytes, rule: rule))
        }
        invalid("empty", "length", "no bytes at all", [])
        invalid(
            "header-only", "length", "the first 119 bytes of alice-1",
            Array(alice1.bytes.prefix(EntryFormat.headerSize)))
        invalid(
            "one-byte-short", "contentLength",
            "alice-1 without its last byte: long enough, but the content length no longer matches",
            Array(alice1.bytes.dropLast()))
        invalid(
            "trailing-byte", "contentLength", "alice-1 followed by one zero byte",
            alice1.bytes + [0])
        invalid(
            "too-long", "length", "bob-garden-2 (the largest entry) followed by one zero byte",
            largest.bytes + [0])

        var raw = base
        raw.version = 0
        invalid("version-0", "version", "alice-1 with version 0, signed", raw.signed(with: alice))
        raw.version = 2
        invalid("version-2", "version", "alice-1 with version 2, signed", raw.signed(with: alice))

        raw = base
        raw.declaredContentLength = UInt32(alice1.content.count + 1)
        invalid(
            "content-length-plus-one", "contentLength",
            "alice-1 whose content length field says one byte more, signed", raw.signed(with: alice)
        )
        raw.declaredContentLength = UInt32.max
        invalid(
            "content-length-max", "contentLength",
            "alice-1 whose content length field is 0xffffffff, signed", raw.signed(with: alice))

        raw = base
        raw.sequence = 0
        invalid(
            "sequence-zero", "sequence", "alice-1 with sequence 0, signed", raw.signed(with: alice))

        raw = base
        raw.previous = bob1.id.bytes
        invalid(
            "previous-at-sequence-1", "previous",
            "alice-1 with previous set to bob-1's id, signed", raw.signed(with: alice))

        raw = RawEntry(alice2)
        raw.previous = EntryID.zero.bytes
        invalid(
            "zero-previous-at-sequence-2", "previous", "alice-2 with an all-zero previous, signed",
            raw.signed(with: alice))

        var flipped = signature
        flipped[0] ^= 0x01
        invalid(
            "signature-bit-flipped", "signature", "alice-1 with bit 0 of the signature flipped",
            base.withSignature(flipped))

        raw = base
        raw.content[raw.content.count - 1] ^= 0x01
        invalid(
            "content-changed", "signature", "alice-1 with one content bit flipped, old signature",
            raw.withSignature(signature))

        raw = base
        raw.author = sources.bob.key.publicKey.bytes
        invalid(
            "author-replaced", "signature", "alice-1 with bob as author, alice's signature",
            raw.withSignature(signature))

        invalid(
            "signature-s-plus-l", "signature",
            "alice-1 with L added to S: the same signature mod L, but S is not below L",
            base.withSignature(
                Array(signature.prefix(32)) + Self.addingGroupOrder(to: Array(signature.suffix(32)))
            ))

        raw = base
        raw.author = [0x01] + [UInt8](repeating: 0, count: 31)
        invalid(
            "small-order-author", "signature",
            "author is the identity point, R the identity, S zero: the equation holds for any message, "
                + "but the key has small order",
            raw.withSignature([0x01] + [UInt8](repeating: 0, count: 63)))

        invalid(
            "signature-zero", "signature", "alice-1 with 64 zero bytes as its signature",
            base.withSignature([UInt8](repeating: 0, count: 64)))
        self.invalid = cases
    }

    /// `s + L` as 32 little-endian bytes (for an `s` below `L`, the sum is below 2^254).
    static func addingGroupOrder(to s: [UInt8]) -> [UInt8] {
        var result = [UInt8](repeating: 0, count: 32)
        var carry: UInt16 = 0
        for index in 0..<32 {
            let sum = UInt16(s[index]) + UInt16(groupOrder[index]) + carry
            result[index] = UInt8(truncatingIfNeeded: sum)
            carry = sum >> 8
        }
        return result
    }

    private mutating func buildChainSteps() throws {
        let order = [
            "alice-3", "alice-1", "alice-3", "alice-2", "alice-3", "alice-2", "alice-4-broken-link",
            "alice-4-broken-link", "bob-1", "bob-2", "bob-2-fork", "bob-3-on-fork", "bob-1",
            "alice-garden-1", "alice-garden-2", "bob-garden-2", "bob-garden-1", "bob-garden-2",
            "bob-2-third", "alice-garden-6", "alice-garden-3", "alice-garden-4", "alice-garden-5",
            "alice-garden-6",
        ]
        var log = ChainLog()
        for name in order {
            guard let vector = entry(named: name) else { continue }
            steps.append(ChainStep(entryName: name, decision: log.receive(vector.entry)))
        }
    }
}

/// The chain state of a log that receives entries one by one, following entries.md: what the
/// vectors' chain steps replay.
struct ChainLog {
    private(set) var heads: [ChainKey: ChainHead] = [:]
    private(set) var held: Set<EntryID> = []

    /// Classifies `entry` and applies the decision: `append` moves the head, the first fork is
    /// kept and marks the chain forked, everything else changes nothing.
    mutating func receive(_ entry: Entry) -> ChainDecision {
        let decision = ChainRules.classify(
            entry, head: heads[entry.chain], alreadyHeld: held.contains(entry.id))
        switch decision {
        case .append:
            held.insert(entry.id)
            heads[entry.chain] = ChainHead(
                entry: entry, isForked: heads[entry.chain]?.isForked ?? false)
        case .fork:
            held.insert(entry.id)
            heads[entry.chain]?.isForked = true
        case .duplicate, .gap, .forkIgnored:
            break
        }
        return decision
    }
}
