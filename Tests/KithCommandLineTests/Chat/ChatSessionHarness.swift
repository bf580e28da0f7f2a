import KithCommandLine
import KithControl
import KithCore

/// A chat session with three people and helpers to make their entries. Times are shown in UTC.
struct ChatSessionHarness {
    let alice: SigningKey
    let bob: SigningKey
    let carol: SigningKey
    let community: ChatCommunity
    let other: ChatCommunity
    var session: ChatSession
    private var sequences: [PublicKey: UInt64] = [:]
    private var heads: [PublicKey: EntryID] = [:]

    /// 2026-01-01 12:00:00 UTC in milliseconds.
    static let noon: UInt64 = 1_767_268_800_000

    init(
        colors: Bool = false, historyOnJoin: Int = 20, interactive: Bool = true,
        dayMarkers: Bool = false
    ) throws {
        alice = try SigningKey(seed: [UInt8](repeating: 1, count: 32))
        bob = try SigningKey(seed: [UInt8](repeating: 2, count: 32))
        carol = try SigningKey(seed: [UInt8](repeating: 3, count: 32))
        community = ChatCommunity(
            name: "lobby", id: try CommunityID(bytes: [UInt8](repeating: 7, count: 32)),
            inviteCode: "kith1-lobby-code")
        other = ChatCommunity(
            name: "work", id: try CommunityID(bytes: [UInt8](repeating: 8, count: 32)),
            inviteCode: "kith1-work-code")
        session = ChatSession(
            configuration: ChatSessionConfiguration(
                ownKey: alice.publicKey, communities: [community, other], community: community.id,
                channel: try ChannelName("general"), historyOnJoin: historyOnJoin,
                style: ChatStyle(usesColor: colors),
                timeLabel: {
                    TimeFormatting.localClockTime(millisecondsSinceEpoch: $0, offsetSeconds: 0)
                },
                dateTimeLabel: {
                    TimeFormatting.localDateTime(millisecondsSinceEpoch: $0, offsetSeconds: 0)
                }, isInteractive: interactive,
                dayLabel: dayMarkers ? Self.utcDay : nil))
    }

    /// A harness past start-up, with alice (own), bob and carol (no name) known.
    static func started(colors: Bool = false) throws -> Self {
        var chat = try Self(colors: colors)
        _ = chat.handle(.started)
        _ = chat.loadPeople([
            ("alice", chat.alice.publicKey, true), ("bob", chat.bob.publicKey, true),
            (nil, chat.carol.publicKey, false),
        ])
        return chat
    }

    /// `name (3f2a-9c01)`: how the chat shows `key`'s person called `name`.
    static func label(_ name: String, _ key: SigningKey) -> String {
        "\(name) (\(key.publicKey.fingerprint.short))"
    }

    /// The UTC day of a timestamp.
    @Sendable private static func utcDay(_ timestamp: UInt64) -> String {
        TimeFormatting.localDay(millisecondsSinceEpoch: timestamp, offsetSeconds: 0)
    }

    /// Handles `event` and returns the actions.
    mutating func handle(_ event: ChatEvent) -> [ChatAction] {
        session.handle(event)
    }

    /// The texts of the lines `actions` show.
    static func shown(_ actions: [ChatAction]) -> [String] {
        actions.compactMap { if case .show(let output) = $0 { output.text } else { nil } }
    }

    /// The prompts `actions` set.
    static func prompts(_ actions: [ChatAction]) -> [String] {
        actions.compactMap { if case .setPrompt(let prompt) = $0 { prompt } else { nil } }
    }

    /// The requests `actions` make.
    static func requests(_ actions: [ChatAction]) -> [ChatRequest] {
        actions.compactMap { if case .perform(let request, _) = $0 { request } else { nil } }
    }

    /// The next entry of `author`'s chain.
    mutating func entry(
        by author: SigningKey, type: ContentType, content: [UInt8], at timestamp: UInt64,
        in community: CommunityID? = nil
    ) throws -> Entry {
        let sequence = (sequences[author.publicKey] ?? 0) + 1
        let entry = try Entry.sign(
            community: community ?? self.community.id, sequence: sequence,
            previous: heads[author.publicKey] ?? EntryID.zero, timestamp: timestamp,
            contentType: type, content: content, with: author)
        sequences[author.publicKey] = sequence
        heads[author.publicKey] = entry.id
        return entry
    }

    /// A post as the node streams it.
    mutating func post(
        by author: SigningKey, _ text: String, channel: String = "general",
        at timestamp: UInt64 = noon,
        name: String? = nil
    ) throws -> ControlEntry {
        let post = try Post(channel: try ChannelName(channel), text: text)
        let entry = try entry(by: author, type: .post, content: post.encoded(), at: timestamp)
        return ControlEntry(
            entry: entry, authorName: name, isOwn: author.publicKey == alice.publicKey,
            privateMessage: nil)
    }

    /// An `about` entry as the node streams it (the node reports the name it now holds).
    mutating func about(by author: SigningKey, _ name: String, at timestamp: UInt64 = noon) throws
        -> ControlEntry
    {
        let about = About(name: try DisplayName(name))
        let entry = try entry(by: author, type: .about, content: about.encoded(), at: timestamp)
        return ControlEntry(
            entry: entry, authorName: name, isOwn: author.publicKey == alice.publicKey,
            privateMessage: nil)
    }

    /// A private message from `author` to `recipient`, opened when `readable`.
    mutating func privateMessage(
        from author: SigningKey, to recipient: PublicKey, _ text: String, readable: Bool,
        at timestamp: UInt64 = noon
    ) throws -> ControlEntry {
        let sealed = try PrivateMessage.seal(text: text, to: recipient, from: author)
        let entry = try entry(by: author, type: .privateMessage, content: sealed, at: timestamp)
        return ControlEntry(
            entry: entry, authorName: nil, isOwn: author.publicKey == alice.publicKey,
            privateMessage: readable
                ? ControlPrivateMessage(sender: author.publicKey, recipient: recipient, text: text)
                : nil)
    }

    /// Feeds the people list `people` (name, key) as the node's answer to the start-up request.
    mutating func loadPeople(_ people: [(String?, PublicKey, online: Bool)]) -> [ChatAction] {
        handle(
            .replied(
                .loadPeople,
                .people(
                    people.enumerated().map { index, person in
                        ChatPerson(
                            key: person.1, displayName: person.0, entryCount: 1,
                            firstTimestamp: Self.noon + UInt64(index), lastTimestamp: Self.noon,
                            isOnline: person.online)
                    })))
    }
}
