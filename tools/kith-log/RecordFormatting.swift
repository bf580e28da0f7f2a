import KithCommandLine
import KithCore
import KithStorage

/// How `dump` and `follow` print one record: a line of text or a JSON line (pure).
enum RecordFormatting {
    /// How many hex digits of an entry id a text line shows (``ShowCommand`` takes them).
    static let shortIDDigits = 12

    /// One line of text: log offset, short id, claimed time (UTC), community, author fingerprint
    /// (with the display name where known), sequence, type, and the channel and text of a post,
    /// the name of an about, or a summary.
    ///
    ///     16  9c3e1a77b2d0  2026-11-28T17:00:00.000Z  lobby  3f2a-9c01-7be4-55d0 (alice)  #1  post  #general  hello
    ///     420  undecodable record (200 bytes): entry format version 2 is not supported
    static func textLine(_ record: ScannedRecord, labels: RecordLabels = RecordLabels()) -> String {
        switch record {
        case .undecodable(let offset, let size, let error):
            return "\(offset)  undecodable record (\(size) bytes): \(error)"
        case .entry(let offset, let entry, let outcome):
            var author = entry.author.fingerprint.full
            if let name = labels.authorName(entry.author) {
                author += " (\(UntrustedText.escaped(name)))"
            }
            var fields = [
                String(describing: offset),
                String(entry.id.hex.prefix(shortIDDigits)),
                TimeFormatting.iso8601UTC(millisecondsSinceEpoch: entry.timestamp),
                UntrustedText.escaped(labels.communities.label(entry.community)),
                author,
                "#\(entry.sequence)",
                entry.contentType.description,
            ]
            fields.append(contentSummary(entry))
            if let note = chainNote(outcome) { fields.append("[\(note)]") }
            return fields.joined(separator: "  ")
        }
    }

    /// The content of an entry in a few words: `#general  hello`, `name: alice`, a summary for
    /// unknown and malformed content.
    static func contentSummary(_ entry: Entry) -> String {
        switch entry.decodedContent {
        case .post(let post):
            return
                "#\(UntrustedText.escaped(post.channel.name))  "
                + "\(UntrustedText.escaped(post.text))"
        case .about(let about):
            return "name: \(UntrustedText.escaped(about.name.name))"
        case .topic(let topic):
            return
                "#\(UntrustedText.escaped(topic.channel.name))  "
                + "topic: \(UntrustedText.escaped(topic.text))"
        case .private:
            return "[private message], \(entry.content.count) bytes"
        case .unknown:
            return "(unknown content type, \(entry.content.count) bytes)"
        case .malformed(_, let error):
            return "(malformed content, \(entry.content.count) bytes: \(error))"
        }
    }

    /// A note for entries that are not simply the next of their chain, or nil.
    static func chainNote(_ outcome: ReplayOutcome) -> String? {
        switch outcome {
        case .next: nil
        case .duplicate(let earlier): "duplicate of the entry at log offset \(earlier)"
        case .gap(let expected): "unchained: sequence \(expected) is missing"
        case .fork(.sameSequence, _), .furtherFork: "fork"
        case .fork(.brokenLink, _): "fork: broken link"
        }
    }

    /// The JSON object of a record: ``EntryJSON`` with the log offset first, and `"fork": true`
    /// for a fork entry (`"unchained": true` for an entry after a gap, `"duplicate": true` for an
    /// entry the log holds twice), and `"community_name"` and `"author_name"` where known. An
    /// undecodable record is `{"offset":..,"error":..}`.
    static func jsonObject(_ record: ScannedRecord, labels: RecordLabels = RecordLabels())
        -> JSONObject
    {
        switch record {
        case .undecodable(let offset, let size, let error):
            return [
                "offset": .unsigned(offset.rawValue),
                "error": .string(String(describing: error)),
                "rule": .string(error.rule),
                "size": .unsigned(UInt64(size)),
            ]
        case .entry(let offset, let entry, let outcome):
            var object = EntryJSON.object(
                for: entry, extra: [("offset", .unsigned(offset.rawValue))])
            switch outcome {
            case .next: break
            case .fork, .furtherFork: object["fork"] = .bool(true)
            case .gap: object["unchained"] = .bool(true)
            case .duplicate: object["duplicate"] = .bool(true)
            }
            if let name = labels.communities.name(of: entry.community) {
                object["community_name"] = .string(name)
            }
            if let name = labels.authorName(entry.author) {
                object["author_name"] = .string(name)
            }
            return object
        }
    }
}
