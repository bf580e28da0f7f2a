import KithCommandLine
import KithCore
import KithStorage

/// Every field of one entry of the log, for `show` (pure, except that it checks the signature).
struct EntryDetails {
    /// The log offset of the entry's record.
    let offset: LogOffset
    /// The entry.
    let entry: Entry
    /// Its place in its chain.
    let outcome: ReplayOutcome
    /// Log offsets of further records holding the same entry.
    var laterCopies: [LogOffset] = []

    /// One `field: value` line per field.
    func textLines() -> [String] {
        let signatureIsValid = entry.hasValidSignature
        var lines = [
            "id: \(entry.id.hex)",
            "offset: \(offset)",
            "size: \(entry.bytes.count)",
            "version: \(entry.version)",
            "community: \(entry.community.hex)",
            "author: \(entry.author.hex)",
            "fingerprint: \(entry.author.fingerprint.full)",
            "sequence: \(entry.sequence)",
            "previous: \(entry.previous.hex)",
            "timestamp: \(entry.timestamp) "
                + "(\(TimeFormatting.iso8601UTC(millisecondsSinceEpoch: entry.timestamp)), as "
                + "claimed)",
            "content_type: \(entry.contentType.rawValue) (\(entry.contentType.name ?? "unknown"))",
            "content_length: \(entry.content.count)",
        ]
        switch entry.decodedContent {
        case .post(let post):
            lines.append("channel: \(UntrustedText.escaped(post.channel.name))")
            lines.append("text: \(UntrustedText.escaped(post.text))")
        case .about(let about):
            lines.append("name: \(UntrustedText.escaped(about.name.name))")
        case .topic(let topic):
            lines.append("channel: \(UntrustedText.escaped(topic.channel.name))")
            lines.append("topic: \(UntrustedText.escaped(topic.text))")
        case .private:
            lines.append("content: [private message]")
        case .unknown:
            lines.append("content: unknown content type")
        case .malformed(_, let error):
            lines.append("malformed: \(error)")
        }
        lines += [
            "content_hex: \(Hex.encode(entry.content))",
            "signature: \(entry.signature.hex)",
            "signature_valid: \(signatureIsValid ? "yes" : "no")",
            "chain: \(chainDescription)",
            "fork: \(outcome.isFork ? "yes" : "no")",
        ]
        if !laterCopies.isEmpty {
            lines.append(
                "also_at: " + laterCopies.map { String(describing: $0) }.joined(separator: " "))
        }
        return lines
    }

    /// ``EntryJSON`` with the log offset first, then the signature's validity, the chain status
    /// and whether the entry is a fork.
    func jsonObject() -> JSONObject {
        var object = EntryJSON.object(for: entry, extra: [("offset", .unsigned(offset.rawValue))])
        object["signature_valid"] = .bool(entry.hasValidSignature)
        object["chain"] = .string(outcome.name)
        object["fork"] = .bool(outcome.isFork)
        if !laterCopies.isEmpty {
            object["also_at"] = .array(laterCopies.map { .unsigned($0.rawValue) })
        }
        return object
    }

    /// The entry's place in its chain, in words.
    var chainDescription: String {
        switch outcome {
        case .next:
            "next entry of its chain"
        case .duplicate(let earlier):
            "duplicate of the entry at log offset \(earlier)"
        case .gap(let expected):
            "unchained: the chain's sequence \(expected) is missing from the log"
        case .fork(.sameSequence, let conflicting):
            "fork: conflicts with the chain's entry of the same sequence" + Self.at(conflicting)
        case .fork(.brokenLink, let conflicting):
            "fork (broken link): its previous is not the chain's head" + Self.at(conflicting)
        case .furtherFork(let conflicting):
            "further fork of a chain already known to be forked" + Self.at(conflicting)
        }
    }

    private static func at(_ offset: LogOffset?) -> String {
        offset.map { " at log offset \($0)" } ?? ""
    }
}
