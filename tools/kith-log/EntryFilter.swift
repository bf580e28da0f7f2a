import KithCommandLine
import KithCore

/// The entry filters `dump` and `follow` share: author, channel, content type and time. An entry
/// is shown when it passes every filter given.
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
    /// `--type post|about|topic|NUMBER`.
    static let typeOption = Option<String>(
        "type", valueName: "TYPE",
        help:
            "Only entries of this content type: post, about, topic, or a code (decimal or 0x hex).")
    /// `--since TIME`.
    static let sinceOption = Option<String>(
        "since", valueName: "TIME",
        help: "Only entries whose claimed time is at or after TIME: ISO 8601 "
            + "(2026-11-28T17:00:00Z, or a date such as 2026-11-28, read as UTC) or Unix "
            + "milliseconds."
    )
    /// `--limit N`.
    static let limitOption = Option<Int>(
        "limit", short: "n", valueName: "N", help: "Stop after the first N matching records.")

    /// The filter options, for command configurations.
    static let options: [any DeclaredOption] = [
        authorOption, channelOption, typeOption, sinceOption, limitOption,
    ]

    /// The selected author, if any.
    var author: AuthorSelector?
    /// The selected channel, if any.
    var channel: ChannelName?
    /// The selected content type, if any.
    var type: ContentType?
    /// The earliest claimed time shown, in milliseconds since the Unix epoch, if any.
    var since: UInt64?
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
                    "invalid value '\(text)' for --type: expected post, about, topic or a number from 0 "
                        + "to 65535"
                )
            }
            type = selector.type
        }
        if let text = arguments.value(of: Self.sinceOption) {
            guard let since = TimeArgument.milliseconds(from: text) else {
                throw UsageError(
                    "invalid value '\(text)' for --since: expected an ISO 8601 time such as "
                        + "2026-11-28T17:00:00Z, a date such as 2026-11-28, or Unix milliseconds")
            }
            self.since = since
        }
        if let limit = arguments.value(of: Self.limitOption) {
            guard limit >= 1 else { throw UsageError("--limit must be at least 1") }
            self.limit = limit
        }
    }

    /// Whether any filter on entries is set (undecodable records match no such filter).
    var selectsEntries: Bool {
        author != nil || channel != nil || type != nil || since != nil
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
        if let channel {
            guard case .post(let post) = entry.decodedContent, post.channel == channel else {
                return false
            }
        }
        return true
    }
}
