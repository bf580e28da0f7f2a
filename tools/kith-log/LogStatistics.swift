import KithCore
import KithStorage

/// Counts and sizes of a log's records, gathered one record at a time (pure).
struct LogStatistics {
    /// What is counted for one author.
    struct AuthorTally {
        /// The author's key.
        var key: PublicKey
        /// Entries by the author in the log (fork entries included).
        var entries = 0
        /// Their size in bytes.
        var bytes: UInt64 = 0
        /// The author's display name: the latest well-formed about of their chain.
        var name: String?
        /// The sequence of the about that set `name`.
        var nameSequence: UInt64 = 0
        /// Fork entries by the author.
        var forks = 0
    }

    /// What is counted for one community.
    struct CommunityTally {
        /// Entries of the community.
        var entries = 0
        /// Their size in bytes.
        var bytes: UInt64 = 0
        /// Its chains (one per author).
        var chains = 0
    }

    /// What is counted for one content type or channel.
    struct Tally {
        /// Entries.
        var entries = 0
        /// Their size in bytes.
        var bytes: UInt64 = 0
    }

    /// Sound records read.
    private(set) var recordCount = 0
    /// Records whose payload is not an entry.
    private(set) var undecodableCount = 0
    /// Bytes of all payloads (entries and undecodable records).
    private(set) var payloadBytes: UInt64 = 0
    /// Bytes of entries.
    private(set) var entryBytes: UInt64 = 0
    /// Decodable entries.
    private(set) var entryCount = 0
    /// Fork entries.
    private(set) var forkCount = 0
    /// Entries after a gap in their chain.
    private(set) var unchainedCount = 0
    /// The earliest claimed timestamp.
    private(set) var earliest: UInt64?
    /// The latest claimed timestamp.
    private(set) var latest: UInt64?
    /// Per author, in the order first seen.
    private(set) var authors: [AuthorTally] = []
    private var authorIndex: [PublicKey: Int] = [:]
    /// Posts per channel name.
    private(set) var channels: [String: Tally] = [:]
    /// Entries per content type code.
    private(set) var types: [UInt16: Tally] = [:]
    /// Chains seen (author and community).
    private(set) var chains: Set<ChainKey> = []
    /// Per community id.
    private(set) var communities: [CommunityID: CommunityTally] = [:]

    /// Adds one record.
    mutating func add(_ record: ScannedRecord) {
        recordCount += 1
        switch record {
        case .undecodable(_, let size, _):
            undecodableCount += 1
            payloadBytes += UInt64(size)
        case .entry(_, let entry, let outcome):
            add(entry, outcome: outcome)
        }
    }

    private mutating func add(_ entry: Entry, outcome: ReplayOutcome) {
        let size = UInt64(entry.bytes.count)
        entryCount += 1
        entryBytes += size
        payloadBytes += size
        let isNewChain = chains.insert(entry.chain).inserted
        communities[entry.community, default: CommunityTally()].entries += 1
        communities[entry.community, default: CommunityTally()].bytes += size
        if isNewChain { communities[entry.community, default: CommunityTally()].chains += 1 }
        earliest = min(earliest ?? entry.timestamp, entry.timestamp)
        latest = max(latest ?? entry.timestamp, entry.timestamp)
        if outcome.isFork { forkCount += 1 }
        if case .gap = outcome { unchainedCount += 1 }

        let index = authorIndex[entry.author] ?? newAuthor(entry.author)
        authors[index].entries += 1
        authors[index].bytes += size
        if outcome.isFork { authors[index].forks += 1 }

        types[entry.contentType.rawValue, default: Tally()].entries += 1
        types[entry.contentType.rawValue, default: Tally()].bytes += size
        switch entry.decodedContent {
        case .post(let post):
            channels[post.channel.name, default: Tally()].entries += 1
            channels[post.channel.name, default: Tally()].bytes += size
        case .about(let about):
            if outcome == .next, entry.sequence >= authors[index].nameSequence {
                authors[index].name = about.name.name
                authors[index].nameSequence = entry.sequence
            }
        case .topic, .private, .unknown, .malformed:
            break
        }
    }

    private mutating func newAuthor(_ key: PublicKey) -> Int {
        authors.append(AuthorTally(key: key))
        authorIndex[key] = authors.count - 1
        return authors.count - 1
    }

    /// Bytes the records take in the log: payloads plus a 12-byte header each.
    var recordBytes: UInt64 { payloadBytes + UInt64(recordCount * RecordFormat.headerSize) }

    /// Authors with the most entries first (ties: in the order first seen).
    var authorsByEntries: [AuthorTally] {
        authors.enumerated().sorted {
            ($1.element.entries, $0.offset) < ($0.element.entries, $1.offset)
        }.map(\.element)
    }

    /// Channels with the most posts first (ties: by name).
    var channelsByPosts: [(name: String, tally: Tally)] {
        channels.map { (name: $0.key, tally: $0.value) }.sorted {
            ($1.tally.entries, $0.name) < ($0.tally.entries, $1.name)
        }
    }

    /// Communities with the most entries first (ties: by id).
    var communitiesByEntries: [(id: CommunityID, tally: CommunityTally)] {
        communities.map { (id: $0.key, tally: $0.value) }.sorted {
            ($1.tally.entries, $0.id) < ($0.tally.entries, $1.id)
        }
    }

    /// Content types by code.
    var typesByCode: [(type: ContentType, tally: Tally)] {
        types.map { (type: ContentType(rawValue: $0.key), tally: $0.value) }.sorted {
            $0.type.rawValue < $1.type.rawValue
        }
    }

    /// The mean of `total` over `count`, 0 when there is nothing.
    static func average(_ total: UInt64, over count: Int) -> Double {
        count == 0 ? 0 : Double(total) / Double(count)
    }
}
