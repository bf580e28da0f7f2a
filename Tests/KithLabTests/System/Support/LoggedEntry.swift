import Foundation

/// One record of a node's log as `kith-log dump --json` prints it (only the fields the system
/// tests read; the others are ignored).
struct LoggedEntry: Decodable, Sendable, Hashable {
    /// The entry id in hex; nil for a record that is not an entry.
    var id: String?
    /// The community id in hex.
    var community: String?
    /// The author's public key in hex.
    var author: String?
    /// The author's fingerprint, full form.
    var fingerprint: String?
    /// The entry's place in its author's chain.
    var sequence: UInt64?
    /// "post", "about", ...
    var type: String?
    /// A post's channel.
    var channel: String?
    /// A post's text.
    var text: String?
    /// True for an entry kept as proof of a fork.
    var fork: Bool?
    /// True for an entry whose chain has a gap before it.
    var unchained: Bool?
    /// True for an entry already held earlier in the log.
    var duplicate: Bool?

    /// Parses the output of `kith-log dump --json`: one JSON object per line.
    static func parse(dump: String) throws -> [LoggedEntry] {
        let decoder = JSONDecoder()
        return try dump.split(separator: "\n").map { line in
            try decoder.decode(LoggedEntry.self, from: Data(line.utf8))
        }
    }
}

/// What `kith-log dump --json` shows of one log.
struct LogContents: Sendable {
    /// Every record, in log order.
    var records: [LoggedEntry]

    /// The ids of the records that are entries.
    var ids: [String] { records.compactMap(\.id) }

    /// The distinct entry ids.
    var idSet: Set<String> { Set(ids) }

    /// The texts of the posts.
    var texts: [String] { records.compactMap(\.text) }

    /// The posts of the author whose fingerprint is `fingerprint`, in log order.
    func posts(by fingerprint: String) -> [LoggedEntry] {
        records.filter { $0.fingerprint == fingerprint && $0.type == "post" }
    }

    /// True when every record is an entry that appears once, with no fork, gap or duplicate mark.
    var isClean: Bool {
        ids.count == records.count && idSet.count == ids.count
            && records.allSatisfy {
                $0.fork != true && $0.unchained != true && $0.duplicate != true
            }
    }
}
