import KithCore

/// What `<home>/chat.conf` sets for `kith chat` on a terminal. The file holds `key = value`
/// lines; blank lines and lines starting with `#` are ignored:
///
///     # channels joined at start, in order; the first is where the chat opens
///     autojoin = lobby/#general, lobby/#dev, garden/#plans
///     # on (default) or off: ring the bell on a mention or a private message
///     bell = off
///     # HH:MM (default) or off: the time before each message
///     timestamps = off
///
/// A `#` starts a comment only at the start of a line (`#general` is a channel). `autojoin`
/// may be given on several lines (they add up); for the other keys the last line wins. Keys
/// and the words `on`, `off`, `HH:MM` ignore case. A bad line is reported (file and line)
/// and skipped: the rest still applies.
public struct ChatSettings: Sendable, Equatable {
    /// One channel to join at start: `community/#channel`, or `#channel` for the community the
    /// chat starts in.
    public struct Autojoin: Sendable, Equatable {
        /// The community's name as written, nil for the one the chat starts in.
        public var community: String?
        /// The channel.
        public var channel: ChannelName
        /// The line of the file it is on (from 1), for messages about it.
        public var line: Int

        /// A channel to join, found on `line`.
        public init(community: String?, channel: ChannelName, line: Int) {
            self.community = community
            self.channel = channel
            self.line = line
        }
    }

    /// The channels to join at start, in order.
    public var autojoin: [Autojoin] = []
    /// Whether a mention or a private message rings the terminal's bell.
    public var bell = true
    /// Whether each message starts with its time (`HH:MM`).
    public var timestamps = true
    /// The file these came from, as named in messages ("" for the defaults).
    public var file = ""
    /// The bad lines, in order; each names the file and line.
    public var mistakes: [ChatSettingsMistake] = []

    /// The file name in the home: `chat.conf`.
    public static let fileName = "chat.conf"
    /// The keys the file knows.
    public static let keys = ["autojoin", "bell", "timestamps"]

    /// The defaults: no autojoin, bell on, timestamps on.
    public init() {}

    /// Reads the settings in `text`, the contents of the file `file` (named in mistakes).
    public init(parsing text: String, file: String) {
        self.file = file
        // "\r\n" is one Character in Swift: split on both.
        let lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
        for (index, rawLine) in lines.enumerated() {
            let number = index + 1
            var line = Substring(rawLine)
            if line.last == "\r" { line = line.dropLast() }
            let content = Self.trimmed(line)
            guard !content.isEmpty, !content.hasPrefix("#") else { continue }
            do throws(ChatSettingsMistake.Reason) {
                try apply(content, line: number)
            } catch {
                mistakes.append(ChatSettingsMistake(file: file, line: number, reason: error))
            }
        }
    }

    /// Applies one `key = value` line.
    private mutating func apply(_ content: Substring, line: Int) throws(ChatSettingsMistake.Reason)
    {
        guard let equals = content.firstIndex(of: "=") else { throw .notKeyValue }
        let key = Self.trimmed(content[..<equals]).lowercased()
        let value = Self.trimmed(content[content.index(after: equals)...])
        switch key {
        case "autojoin":
            autojoin += try Self.autojoinItems(value, line: line)
        case "bell":
            switch value.lowercased() {
            case "on": bell = true
            case "off": bell = false
            default: throw .badValue(key: key, value: String(value), expected: "on or off")
            }
        case "timestamps":
            switch value.lowercased() {
            case "hh:mm": timestamps = true
            case "off": timestamps = false
            default: throw .badValue(key: key, value: String(value), expected: "HH:MM or off")
            }
        default:
            throw .unknownKey(key)
        }
    }

    /// `lobby/#general, garden/#plans`: the channels, in order.
    private static func autojoinItems(_ value: Substring, line: Int)
        throws(ChatSettingsMistake.Reason) -> [Autojoin]
    {
        guard !value.isEmpty else {
            throw .badValue(key: "autojoin", value: "", expected: "community/#channel, ...")
        }
        var items: [Autojoin] = []
        for part in value.split(separator: ",", omittingEmptySubsequences: false) {
            let item = trimmed(part)
            let slash = item.lastIndex(of: "/")
            let community = slash.map { trimmed(item[..<$0]) }
            let channelText = slash.map { trimmed(item[item.index(after: $0)...]) } ?? item
            guard community?.isEmpty != true, !channelText.isEmpty else {
                throw .badValue(
                    key: "autojoin", value: String(item), expected: "community/#channel")
            }
            do {
                let channel = try ChannelName(userInput: String(channelText))
                items.append(
                    Autojoin(community: community.map(String.init), channel: channel, line: line))
            } catch {
                throw .badChannel(String(channelText), "\(error)")
            }
        }
        return items
    }

    /// `text` without the white space at its ends.
    private static func trimmed(_ text: Substring) -> Substring {
        guard let first = text.firstIndex(where: { !$0.isWhitespace }),
            let last = text.lastIndex(where: { !$0.isWhitespace })
        else { return text[text.endIndex...] }
        return text[first...last]
    }
}
