import KithCore

/// What a ``ChatSession`` starts from.
public struct ChatSessionConfiguration: Sendable {
    /// The node's key: whose messages are "own".
    public var ownKey: PublicKey
    /// The communities the node is in (at least one), in the home's order.
    public var communities: [ChatCommunity]
    /// The community the chat starts in.
    public var community: CommunityID
    /// The channel the chat starts in.
    public var channel: ChannelName
    /// How many recent posts to show on joining a channel (0: none).
    public var historyOnJoin: Int
    /// Colours.
    public var style: ChatStyle
    /// `HH:MM` for a timestamp (ms since the epoch), in the reader's time zone.
    public var timeLabel: @Sendable (UInt64) -> String
    /// `YYYY-MM-DD HH:MM` for a timestamp, in the reader's time zone.
    public var dateTimeLabel: @Sendable (UInt64) -> String
    /// Whether a person reads the chat on a terminal: then it greets them. A script's output
    /// holds only entries and the output of its commands.
    public var isInteractive: Bool
    /// `Friday 4 December 2026` for a timestamp, in the reader's time zone: when set, a line
    /// `-- Friday 4 December 2026` comes between shown messages of different days.
    public var dayLabel: (@Sendable (UInt64) -> String)?
    /// What `<home>/chat.conf` set: autojoin, bell, timestamps; its mistakes are shown when
    /// the chat starts.
    public var settings: ChatSettings
    /// Whether the chat opens in the first ``ChatSettings/autojoin`` channel (no community or
    /// channel was asked for): else it opens at ``community`` and ``channel``.
    public var startsAtAutojoin: Bool

    /// A configuration with every field given.
    public init(
        ownKey: PublicKey, communities: [ChatCommunity], community: CommunityID,
        channel: ChannelName, historyOnJoin: Int, style: ChatStyle,
        timeLabel: @escaping @Sendable (UInt64) -> String,
        dateTimeLabel: @escaping @Sendable (UInt64) -> String, isInteractive: Bool = true,
        dayLabel: (@Sendable (UInt64) -> String)? = nil, settings: ChatSettings = ChatSettings(),
        startsAtAutojoin: Bool = false
    ) {
        self.settings = settings
        self.startsAtAutojoin = startsAtAutojoin
        self.dayLabel = dayLabel
        self.ownKey = ownKey
        self.communities = communities
        self.community = community
        self.channel = channel
        self.historyOnJoin = historyOnJoin
        self.style = style
        self.timeLabel = timeLabel
        self.dateTimeLabel = dateTimeLabel
        self.isInteractive = isInteractive
    }
}
