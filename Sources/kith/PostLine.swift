import KithCommandLine
import KithCore

/// One post as a line of text: `2026-11-28 17:40  #general  alice (3f2a-9c01): hello`. Others'
/// text is escaped onto the one line (``UntrustedText/escaped(_:)``).
enum PostLine {
    static func format(_ entry: Entry, authorName: String?, isOwn: Bool) -> String {
        let offset = TimeFormatting.localOffsetSeconds(at: entry.timestamp)
        let time = TimeFormatting.localDateTime(
            millisecondsSinceEpoch: entry.timestamp, offsetSeconds: offset)
        let name = authorName.map { UntrustedText.escaped($0) } ?? "anonymous"
        let who = "\(name) (\(entry.author.fingerprint.short))" + (isOwn ? " [you]" : "")
        switch entry.decodedContent {
        case .post(let post):
            return "\(time)  \(post.channel)  \(who): \(UntrustedText.escaped(post.text))"
        case .about(let about):
            return "\(time)  \(who) is now known as \(UntrustedText.escaped(about.name.name))"
        case .topic(let topic):
            return
                "\(time)  \(topic.channel)  \(who) set the topic: \(UntrustedText.escaped(topic.text))"
        case .private:
            return "\(time)  \(who): [private message]"
        case .unknown(let type):
            return "\(time)  \(who): [entry of unknown type \(type)]"
        case .malformed(let type, let error):
            return "\(time)  \(who): [malformed \(type): \(error)]"
        }
    }
}
