import KithCommandLine
import KithCore
import KithStorage

/// One post as a line of text: `2026-11-28 17:40  #general  alice (3f2a-9c01): hello`.
enum PostLine {
    static func format(_ entry: Entry, store: EntryStore, ownKey: PublicKey) -> String {
        let offset = TimeFormatting.localOffsetSeconds(at: entry.timestamp)
        let time = TimeFormatting.localDateTime(
            millisecondsSinceEpoch: entry.timestamp, offsetSeconds: offset)
        let name = store.displayName(of: entry.chain)?.name ?? "anonymous"
        let who =
            "\(name) (\(entry.author.fingerprint.short))" + (entry.author == ownKey ? " [you]" : "")
        switch entry.decodedContent {
        case .post(let post):
            return "\(time)  \(post.channel)  \(who): \(post.text)"
        case .about(let about):
            return "\(time)  \(who) is now known as \(about.name.name)"
        case .topic(let topic):
            return "\(time)  \(topic.channel)  \(who) set the topic: \(topic.text)"
        case .private:
            return "\(time)  \(who): [private message]"
        case .unknown(let type):
            return "\(time)  \(who): [entry of unknown type \(type)]"
        case .malformed(let type, let error):
            return "\(time)  \(who): [malformed \(type): \(error)]"
        }
    }
}
