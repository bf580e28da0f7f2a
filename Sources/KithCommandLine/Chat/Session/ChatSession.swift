import KithCore

/// `kith chat` as a state machine with no IO: events in (lines typed, entries arrived, answers
/// from the node), actions out (lines to show, requests to make, prompt changes, quit). The edge
/// owns the terminal, the node connection and the clock; tests drive this directly.
///
/// The chat is in one community and has a current channel (where typed lines are posted) among
/// the channels it joined; posts of joined channels are shown, posts of other channels counted
/// as unread. Private messages to or from this node are shown whatever the channel. Entries of
/// blocked authors are never shown.
public struct ChatSession: Sendable {
    /// What the session started from.
    public let configuration: ChatSessionConfiguration
    /// The communities the node is in, in the community book's order: the configuration's,
    /// then each list the node or the book reports.
    public internal(set) var communities: [ChatCommunity]
    /// The current community: where typed lines go, as the prompt shows.
    public internal(set) var community: ChatCommunity
    /// The current community, after a `/community leave` of it that waits to be confirmed.
    var leaveToConfirm: CommunityID?
    /// The current channel: where typed lines go.
    public internal(set) var channel: ChannelName
    /// The person of the private conversation open (`/query`), if any: lines typed go to
    /// them as private messages instead of to ``channel``.
    public internal(set) var query: PublicKey?
    /// Set while the person is away (`/away REASON`): what they missed meanwhile.
    public internal(set) var away: ChatAway?
    /// The channels joined in each community, in joining order.
    var joined: [CommunityID: [ChannelName]] = [:]
    /// The people of the current community.
    var people: [PublicKey: PersonRecord] = [:]
    /// Who is shown how, rebuilt when `people` changes.
    var directory = PersonDirectory(people: [])
    /// Authors blocked on the node.
    public internal(set) var blocked: Set<PublicKey> = []
    /// Entries already shown.
    var shown = RecentEntryIDs()
    /// The latest timestamp shown, to tell catch-up from live entries.
    var newestShown: UInt64 = 0
    /// Late entries waiting to be shown together (``ChatEvent/lateArrivalsCollected``).
    var pendingLate: [Shown] = []
    /// How long late entries are gathered before they are shown under one heading.
    public static let lateCollectionMilliseconds: UInt64 = 300
    /// The day (``ChatSessionConfiguration/dayLabel``) of the message shown last.
    var lastShownDay: String?
    /// Posts in joined channels other than the current one, in every community (`[act: ...]`).
    var activity = ChatActivity()
    /// Posts that arrived in channels not joined, by channel, in the current community.
    var unread: [ChannelName: Int] = [:]
    /// The channels the node last listed, per community (for Tab completion).
    var listedChannels: [CommunityID: [ChannelName]] = [:]
    /// What the chat says when it starts about its settings file: its mistakes, what it joined.
    var settingsReport: [ChatAction] = []
    /// Whether the welcome line was shown.
    var welcomed = false
    /// A counter ordering people first seen without a known first entry.
    var sightings = 0

    /// What the chat knows of one person.
    struct PersonRecord: Sendable {
        var name: String?
        var order: Int
    }

    /// Entries older than the newest one shown by more than this (ms) arrived by catch-up.
    public static let catchUpSlack: UInt64 = 60_000
    /// How many of the latest private messages a chat on a terminal shows when it starts.
    public static let inboxShown = 10
    /// The most catch-up entries shown at once; `/history` shows more.
    public static let catchUpShown = 50
    /// The keys of the input line, after the commands in `/help`.
    public static let keyHelp = [
        "keys: Enter posts; Tab completes commands, #channels and names (again: the next one);",
        "  Alt-B/Alt-F or Ctrl-Left/Right move by word; Ctrl-A/E, Ctrl-K/U/W, Up/Down as in a shell;",
        "  Ctrl-R searches what you typed before (again: older; Enter posts, Esc/Ctrl-G cancel);",
        "  Alt-A goes to the next channel with activity (the prompt's [act: ...]), like /next;",
        "  Ctrl-L redraws; Ctrl-Z suspends (fg resumes); Ctrl-C clears the line; Ctrl-D quits;",
        "  pasted lines stay in the input (shown as ⏎) and Enter posts them as one message",
        "settings: <home>/chat.conf (autojoin, bell, timestamps); kith chat --help explains",
    ]

    /// A chat starting as `configuration` says (it shows nothing until ``ChatEvent/started``).
    public init(configuration: ChatSessionConfiguration) {
        self.configuration = configuration
        let start =
            configuration.communities.first { $0.id == configuration.community }
            ?? configuration.communities.first
            ?? ChatCommunity(name: "?", id: configuration.community, inviteCode: "")
        community = start
        communities = configuration.communities
        channel = configuration.channel
        joined[start.id] = [configuration.channel]
        autojoin()
    }

    /// Feeds one event; returns what the edge must do, in order.
    public mutating func handle(_ event: ChatEvent) -> [ChatAction] {
        switch event {
        case .started:
            defer { settingsReport = [] }
            var actions: [ChatAction] =
                settingsReport + [
                    .perform(.blockedList, .loadBlocked),
                    .perform(.people(community.id, .first), .loadPeople),
                    .setPrompt(prompt),
                ]
            if configuration.isInteractive, configuration.historyOnJoin > 0 {
                actions.append(
                    .perform(.inbox(community.id, limit: Self.inboxShown), .inbox))
            }
            return actions + joinActions(channel)
        case .typed(let line):
            return typed(line)
        case .arrived(let entries):
            return arrived(entries)
        case .replied(let purpose, let reply):
            return replied(purpose, reply)
        case .communitiesChanged(let list):
            return adopt(list, announcing: true)
        case .lateArrivalsCollected:
            return lateArrivalsCollected()
        }
    }

    /// The input line's prompt: the community and where Enter posts, the channel or the person
    /// of a private conversation, `lobby/#general> `, `lobby/@bob> `; a community the node left
    /// meanwhile is marked, `garden (left)/#general> `, and so is being away,
    /// `lobby/#general (away)> `; activity elsewhere follows, `lobby/#general [act: #dev 2]> `.
    public var prompt: String {
        let mark = isInCurrentCommunity ? "" : " (left)"
        let place = query.map { "@" + queryName($0) } ?? channel.description
        let status = away == nil ? "" : " (away)"
        return "\(shownName(community))\(mark)/\(place)\(status)\(activityText)> "
    }

    /// The channels joined in the current community.
    public var joinedChannels: [ChannelName] { joined[community.id] ?? [] }

    /// What to do to show a channel just joined.
    func joinActions(_ channel: ChannelName) -> [ChatAction] {
        let count = max(configuration.historyOnJoin, 0)
        guard count > 0 else { return [] }
        return [
            .perform(.history(community.id, channel, limit: count), .joinHistory(channel)),
            .perform(.channels(community.id), .joinTopic(channel)),
        ]
    }

    /// A notice line: `-- text`.
    func notice(_ text: String) -> ChatAction {
        .show(.notice(configuration.style.apply("-- " + text, .dim)))
    }

    /// A list item: shown like a notice, `record` (with `kind` first) for JSON.
    func listed(_ text: String, kind: String, _ fields: [(String, JSONValue)]) -> ChatAction {
        .show(
            .listed(
                line: configuration.style.apply("-- " + text, .dim),
                record: JSONObject([("kind", .string(kind))] + fields)))
    }

    /// An error line: `!! text`.
    func error(_ text: String) -> ChatAction {
        .show(.error(configuration.style.apply("!! " + text, .red)))
    }

    /// How `key` is shown: `alice (3f2a-9c01)`, `[not the first alice]` when it reuses a name.
    func label(_ key: PublicKey) -> String {
        directory.label(for: key)
    }

    /// Records what the chat learned of a person; rebuilds the directory when it changed.
    mutating func learn(_ key: PublicKey, name rawName: String?, firstTimestamp: UInt64?) {
        // Names are others' text: kept as they are shown, so that what a person types to name
        // someone is what the chat showed.
        let name = rawName.map { UntrustedText.replaced($0) }
        let existing = people[key]
        let order =
            existing?.order
            ?? firstTimestamp.map { Int(clamping: $0) }
            ?? { () -> Int in
                sightings += 1
                return Int.max / 2 + sightings
            }()
        let record = PersonRecord(name: name ?? existing?.name, order: order)
        guard existing?.name != record.name || existing?.order != record.order else { return }
        people[key] = record
        directory = PersonDirectory(
            people: people.map {
                KnownPerson(key: $0.key, displayName: $0.value.name, firstSeenOrder: $0.value.order)
            })
    }

    /// Forgets the people of the community left (names are per community).
    mutating func forgetPeople() {
        people = [:]
        directory = PersonDirectory(people: [])
    }

    /// The person `query` names, or an error action explaining why there is none.
    func resolve(_ query: String) -> Result<PublicKey, ChatMistake> {
        switch directory.resolve(query) {
        case .person(let key): return .success(key)
        case .notFound:
            return .failure(
                ChatMistake(
                    "nobody called '\(query)' here; /who lists people, a fingerprint works too"))
        case .ambiguous(let candidates):
            let list = candidates.map(\.description).joined(separator: ", ")
            return .failure(
                ChatMistake("'\(query)' is more than one person: \(list); use a fingerprint"))
        }
    }
}

/// Why a command could not be carried out: a sentence for the person.
struct ChatMistake: Error, Sendable {
    let explanation: String

    init(_ explanation: String) {
        self.explanation = explanation
    }
}
