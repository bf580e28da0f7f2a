import KithCore

/// A command typed in `kith chat`, its arguments checked. People are given as typed (a name or a
/// fingerprint); `PersonDirectory` resolves them.
public enum SlashCommand: Hashable, Sendable {
    /// `/help [COMMAND]`: list every command, or explain one.
    case help(SlashCommandName?)
    /// `/nick NAME`: set one's display name.
    case nick(DisplayName)
    /// `/join #CHANNEL`: join a channel and make it current.
    case join(ChannelName)
    /// `/part [#CHANNEL]`: leave the named channel, or the current one when nil.
    case part(ChannelName?)
    /// `/channels`: list the community's channels.
    case channels
    /// `/next`: go to the channel with activity that matters most (Alt-a too).
    case next
    /// `/topic [TEXT]`: show the current channel's topic (nil), or set it.
    case topic(String?)
    /// `/who`: list the people in the current channel.
    case who
    /// `/whois NAME|FINGERPRINT`: show who a person is.
    case whois(person: String)
    /// `/msg NAME|FINGERPRINT TEXT`: send a private message.
    case msg(person: String, text: String)
    /// `/query [NAME|FINGERPRINT]`: open a private conversation (lines typed go to that
    /// person as private messages), or with no person end the one open.
    case query(person: String?)
    /// `/close`: end the private conversation open.
    case close
    /// `/away [REASON]`: mark oneself away (a reason), or come back (nil). Local to the chat.
    case away(reason: String?)
    /// `/back`: come back from `/away`.
    case back
    /// `/me ACTION`: post `* ACTION` to the current channel, an ordinary post (no marker of
    /// the protocol): every client shows it as the text it is.
    case me(action: String)
    /// `/history [N]`: show the last `count` posts (1...1000, default 50).
    case history(count: Int)
    /// `/block [--refuse] NAME|FINGERPRINT`: hide what a person writes; with `--refuse` also
    /// stop storing and relaying it.
    case block(person: String, refuse: Bool)
    /// `/unblock NAME|FINGERPRINT`: stop hiding a person.
    case unblock(person: String)
    /// `/community list|switch NAME|create NAME|join CODE|leave NAME|invite [NAME]`.
    case community(ChatCommunityAction)
    /// `/peers`: list connected nodes.
    case peers
    /// `/status`: what the node reported lately, and its peers.
    case status
    /// `/quit [MESSAGE]`: leave, with an optional parting message.
    case quit(message: String?)

    /// The most posts `/history` shows.
    public static let historyLimit = 1000
    /// How many posts `/history` shows when no number is given.
    public static let defaultHistoryCount = 50

    /// Every command, one line each: usage, aliases, summary.
    public static var helpText: String {
        SlashCommandName.allCases.map(\.helpLine).joined(separator: "\n")
    }

    /// How `name` is typed, e.g. `/msg NAME|FINGERPRINT TEXT`.
    public static func usage(of name: SlashCommandName) -> String { name.usage }

    /// Which command this is.
    public var name: SlashCommandName {
        switch self {
        case .help: .help
        case .nick: .nick
        case .join: .join
        case .part: .part
        case .channels: .channels
        case .next: .next
        case .topic: .topic
        case .who: .who
        case .whois: .whois
        case .msg: .msg
        case .query: .query
        case .close: .close
        case .away: .away
        case .back: .back
        case .me: .me
        case .history: .history
        case .block: .block
        case .unblock: .unblock
        case .community: .community
        case .peers: .peers
        case .status: .status
        case .quit: .quit
        }
    }
}
