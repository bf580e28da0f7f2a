import KithCommandLine
import KithControl
import KithCore
import KithNode

/// One post as a chat line: `14:05 #general alice (3f2a-9c01): hello`. Nil for other entries.
package enum ChatLine {
    package static func format(_ delivered: DeliveredEntry) -> String? {
        guard case .post(let post) = delivered.entry.decodedContent else { return nil }
        let timestamp = delivered.entry.timestamp
        let time = TimeFormatting.localClockTime(
            millisecondsSinceEpoch: timestamp,
            offsetSeconds: TimeFormatting.localOffsetSeconds(at: timestamp))
        let name = delivered.authorName.map { UntrustedText.replaced($0) } ?? "anonymous"
        let text = UntrustedText.replaced(post.text, keepingLineBreaks: true)
            .split(separator: "\n", omittingEmptySubsequences: false)
            .joined(separator: "\n    ")
        return
            "\(time) \(post.channel) \(name) (\(delivered.entry.author.fingerprint.short)): \(text)"
    }
}
