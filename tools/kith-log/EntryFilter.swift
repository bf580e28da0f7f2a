import KithCommandLine
import KithCore

/// The entry filters `dump` and `follow` share: author, community, channel, content type and
/// time. An entry is shown when it passes every filter given.
struct EntryFilter: Sendable {
    /// `--author HEX|FINGERPRINT-PREFIX`.
    static let authorOption = Option<String>(
        "author", valueName: "KEY",
        help: "Only entries by this author: a public key in hex, or the start of its fingerprint "
            + "(3f2a-9c01 or 3f2a9c01).")
    /// `--channel NAME`.
    static let channelOption = Option<String>(
        "channel", short: "c", valueName: "NAME",
        help: "Only posts in this channel (with or without a leading #).")
    /// `--community NAME|ID`.
    static let communityOption = Option<String>(
        "community", valueName: "NAME|ID",
        help: "Only entries of this community: a name the home knows (kith community list) or "
            + "its id in hex (at least 8 digits, such as the short id dump prints).")
    /// `--type post|about|private|topic|NUMBER`.
    static let typeOption = Option<String>(
        "type", valueName: "TYPE",
        help: "Only entries of this content type: \(ContentTypeSelector.names), or a code "
            + "(decimal or 0x hex).")
    /// `--since TIME`.
    static let sinceOption = Option<String>(
        "since", valueName: "TIME",
        help: "Only entries whose claimed time is at or after TIME: ISO 8601 "
            + "(2026-11-28T17:00:00Z, or a date such as 2026-11-28, read as UTC) or Unix "
            + "milliseconds."
    )
    /// `--until TIME`.
    static let untilOption = Option<String>(
        "until", valueName: "TIME",
        help: "Only entries whose claimed time is before TIME (same forms as --since).")
    /// `--limit N`.
    static let limitOption = Option<Int>(
        "limit", valueName: "N", help: "Stop after the first N matching records.")

    /// The filter options, for command configurations.
    static let options: [any DeclaredOption] = [
        authorOption, communityOption, channelOption, typeOption, sinceOption, untilOption,
        limitOption,
    ]

    /// The selected author, if any.
    var author: AuthorSelector?
    /// The selected community, if any.
    var community: CommunitySelector?
    /// The home's community names, which `community` is matched against.
    var communityNames = CommunityNames()
    /// The selected channel, if any.
    var channel: ChannelName?
    /// The selected content type, if any.
    var type: ContentType?
    /// The earliest claimed time shown, in milliseconds since the Unix epoch, if any.
    var since: UInt64?
    /// The first claimed time no longer shown, if any.
    var until: UInt64?
    /// How many records to show at most, if limited.
    var limit: Int?

    /// A filter that lets everything through.
    init() {}

    /// Reads the filter options; a value that cannot be understood is a usage error.
    init(arguments: ParsedArguments) throws(UsageError) {
        if let text = arguments.value(of: Self.authorOption) {
            guard let author = AuthorSelector(text) else {
                throw UsageError(
                    "invalid value '\(text)' for --author: expected a public key (64 hex digits) "
                        + "or the start of a fingerprint (up to 16 hex digits)")
            }
            self.author = author
        }
        community = try Self.community(arguments)
        if let text = arguments.value(of: Self.channelOption) {
            do {
                channel = try ChannelName(userInput: text)
            } catch {
                throw UsageError("invalid value '\(text)' for --channel: \(error)")
            }
        }
        if let text = arguments.value(of: Self.typeOption) {
            guard let selector = ContentTypeSelector(text) else {
                throw UsageError(
                    "invalid value '\(text)' for --type: expected \(ContentTypeSelector.names), or "
                        + "a number from 0 to 65535")
            }
            type = selector.type
        }
        since = try Self.time(arguments, Self.sinceOption)
        until = try Self.time(arguments, Self.untilOption)
        if let since, let until, until <= since {
            throw UsageError("--until must be later than --since: no entry can match both")
        }
        if let limit = arguments.value(of: Self.limitOption) {
            guard limit >= 1 else { throw UsageError("--limit must be at least 1") }
            self.limit = limit
        }
    }

    /// Reads `--community` (shared with `stats` and `verify`).
    static func community(_ arguments: ParsedArguments) throws(UsageError) -> CommunitySelector? {
        guard let text = arguments.value(of: communityOption) else { return nil }
        guard let selector = CommunitySelector(text) else {
            throw UsageError("--community needs a community name or id")
        }
        return selector
    }

    private static func time(_ arguments: ParsedArguments, _ option: Option<String>)
        throws(UsageError) -> UInt64?
    {
        guard let text = arguments.value(of: option) else { return nil }
        guard let milliseconds = TimeArgument.milliseconds(from: text) else {
            throw UsageError(
                "invalid value '\(text)' for --\(option.declaration.name): expected an ISO 8601 "
                    + "time such as 2026-11-28T17:00:00Z, a date such as 2026-11-28, or Unix "
                    + "milliseconds")
        }
        return milliseconds
    }

    /// Whether any filter on entries is set (undecodable records match no such filter).
    var selectsEntries: Bool {
        author != nil || community != nil || channel != nil || type != nil || since != nil
            || until != nil
    }

    /// Makes `names` the community names `--community` is matched against; a name the home does
    /// not know is an error, since it could select nothing.
    mutating func use(_ names: CommunityNames) throws(UsageError) {
        communityNames = names
        if let problem = community?.problem(names: names) { throw UsageError(problem) }
    }

    /// Whether `record` is shown.
    func matches(_ record: ScannedRecord) -> Bool {
        switch record {
        case .undecodable:
            return !selectsEntries
        case .entry(_, let entry, _):
            return matches(entry)
        }
    }

    /// Whether `entry` passes every filter given.
    func matches(_ entry: Entry) -> Bool {
        if let author, !author.matches(entry.author) { return false }
        if let type, entry.contentType != type { return false }
        if let since, entry.timestamp < since { return false }
        if let until, entry.timestamp >= until { return false }
        if let community, !community.matches(entry.community, names: communityNames) {
            return false
        }
        if let channel {
            guard case .post(let post) = entry.decodedContent, post.channel == channel else {
                return false
            }
        }
        return true
    }
}
