import KithCore

/// An entry as a JSON object with every field; binary fields in lowercase hex.
///
/// Shared by `kith history --json`, `kith tail --json` and `kith-log dump --json`, so scripts see
/// one shape everywhere.
public enum EntryJSON {
    /// The JSON object for `entry`; `extra` members (such as a log offset) come first.
    public static func object(for entry: Entry, extra: [(String, JSONValue)] = []) -> JSONObject {
        var members: [(String, JSONValue)] = extra
        members += [
            ("id", .string(entry.id.hex)),
            ("version", .unsigned(UInt64(entry.version))),
            ("community", .string(entry.community.hex)),
            ("author", .string(entry.author.hex)),
            ("fingerprint", .string(entry.author.fingerprint.full)),
            ("sequence", .unsigned(entry.sequence)),
            ("previous", .string(entry.previous.hex)),
            ("timestamp", .unsigned(entry.timestamp)),
            ("time", .string(TimeFormatting.iso8601UTC(millisecondsSinceEpoch: entry.timestamp))),
            ("content_type", .unsigned(UInt64(entry.contentType.rawValue))),
            ("type", .string(entry.contentType.name ?? "unknown")),
            ("content_hex", .string(Hex.encode(entry.content))),
            ("signature", .string(entry.signature.hex)),
            ("size", .unsigned(UInt64(entry.bytes.count))),
        ]
        switch entry.decodedContent {
        case .post(let post):
            members += [("channel", .string(post.channel.name)), ("text", .string(post.text))]
        case .about(let about):
            members += [("name", .string(about.name.name))]
        case .topic(let topic):
            members += [("channel", .string(topic.channel.name)), ("topic", .string(topic.text))]
        case .private, .unknown:
            break
        case .malformed(_, let error):
            members += [("malformed", .string("\(error)"))]
        }
        return JSONObject(members)
    }
}
