/// The name of a chat command, with its aliases, usage and one-line summary for `/help`.
public enum SlashCommandName: String, CaseIterable, Hashable, Sendable, CustomStringConvertible {
    case help, nick, join, part, channels, next, topic, who, whois, msg, query, close, me, away
    case back, history, block, unblock, community, peers, status, quit

    /// The command a typed word names (`join`, `/JOIN`, `j`), case-insensitively; nil if none.
    public init?(typed word: some StringProtocol) {
        var lowered = word.lowercased()
        if lowered.hasPrefix("/") { lowered.removeFirst() }
        guard
            let name = Self.allCases.first(where: {
                $0.rawValue == lowered || $0.aliases.contains(lowered)
            })
        else { return nil }
        self = name
    }

    /// The shorter names that also run this command, without `/`.
    public var aliases: [String] {
        switch self {
        case .join: ["j"]
        case .quit: ["q"]
        case .whois: ["w"]
        case .msg: ["m"]
        default: []
        }
    }

    /// How the command is typed: `/msg NAME|FINGERPRINT TEXT`.
    public var usage: String {
        switch self {
        case .help: "/help [COMMAND]"
        case .nick: "/nick NAME"
        case .join: "/join #CHANNEL"
        case .part: "/part [#CHANNEL]"
        case .channels: "/channels"
        case .next: "/next"
        case .topic: "/topic [TEXT]"
        case .who: "/who"
        case .whois: "/whois NAME|FINGERPRINT"
        case .msg: "/msg NAME|FINGERPRINT TEXT"
        case .query: "/query [NAME|FINGERPRINT]"
        case .close: "/close"
        case .away: "/away [REASON]"
        case .back: "/back"
        case .me: "/me ACTION"
        case .history: "/history [N]"
        case .block: "/block [--refuse] NAME|FINGERPRINT"
        case .unblock: "/unblock NAME|FINGERPRINT"
        case .community:
            "/community list|switch NAME|create NAME|join CODE|leave NAME|invite [NAME]"
        case .peers: "/peers"
        case .status: "/status"
        case .quit: "/quit [MESSAGE]"
        }
    }

    /// What the command does, in a few words.
    public var summary: String {
        switch self {
        case .help: "list commands, or explain one"
        case .nick: "set your display name"
        case .join: "join a channel and make it current (the # is optional)"
        case .part: "leave the current channel, or the one named"
        case .channels: "list the channels of this community"
        case .next:
            "go to the channel with activity (the prompt's [act: ...]; a mention first); "
                + "Alt-A too"
        case .topic: "show the current channel's topic, or set it"
        case .who: "list who is online and who wrote lately in this community"
        case .whois: "show who a person is: name, fingerprint, key"
        case .msg: "send a private message to one person"
        case .query:
            "talk privately with one person: your lines go to them only, until /query alone "
                + "or /close"
        case .close: "end the private conversation: your lines go to the channel again"
        case .away:
            "mark yourself away (here only: nobody else sees it); mentions and private "
                + "messages are summed up when you come back; /away alone comes back"
        case .back: "come back from /away: see the mentions and private messages you missed"
        case .me: "post an action: /me waves posts the text `* waves`"
        case .history: "show the last N posts of the channel (1 to 1000, default 50)"
        case .block:
            "hide everything a person writes (your node still relays it to others); with "
                + "--refuse, also stop storing and relaying it"
        case .unblock: "show a blocked person again"
        case .community:
            "list communities, switch to one, create, join or leave one, print an invite code"
        case .peers: "list the nodes connected to this one"
        case .status:
            "what the node reported lately (peers found, sessions, catch-up), and its peers"
        case .quit: "leave the chat"
        }
    }

    /// One line of `/help`: the usage, the aliases and the summary.
    public var helpLine: String {
        let aliasText =
            aliases.isEmpty
            ? "" : " (alias " + aliases.map { "/" + $0 }.joined(separator: ", ") + ")"
        return usage + aliasText + ": " + summary
    }

    /// The name with its slash: `/msg`.
    public var description: String { "/" + rawValue }
}
