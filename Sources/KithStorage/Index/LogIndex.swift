import KithCore

/// The derived index of one log: entry by id, chain heads, channel order, private entries.
///
/// It lives in `<home>/index/` as three files — the entry table, the id table and a snapshot of
/// heads — and is never authoritative: `EntryStore` rebuilds it from the log whenever it was not
/// closed cleanly or does not match the log. It only ever describes records that are in the log.
final class LogIndex {
    let directory: String
    let entries: EntryTable
    let ids: IDTable
    private(set) var chains: [ChainKey: ChainState]
    private(set) var channels: [ChannelKey: ChannelState]
    /// Per community, the ordinal of the latest private entry; each private entry's record links
    /// back to the one before it through its channel link, so they are walked newest-first.
    private(set) var latestPrivate: [CommunityID: UInt64]
    /// The authors of each community's chains, in key order.
    private(set) var authors: AuthorRoster

    private static let entriesFile = "entries.kidx"
    private static let idsFile = "ids.kidx"
    private static let headsFile = "heads.kidx"

    private init(
        directory: String, entries: EntryTable, ids: IDTable, chains: [ChainKey: ChainState],
        channels: [ChannelKey: ChannelState], latestPrivate: [CommunityID: UInt64]
    ) {
        self.directory = directory
        self.entries = entries
        self.ids = ids
        self.chains = chains
        self.channels = channels
        self.latestPrivate = latestPrivate
        authors = AuthorRoster(chains: chains.keys)
    }

    /// Opens the index in `directory` if it was checkpointed cleanly and is self-consistent;
    /// returns nil when it has to be rebuilt.
    static func openCheckpointed(directory: String) -> LogIndex? {
        guard let snapshotBytes = readSmallFile(directory + "/" + headsFile),
            let snapshot = HeadsSnapshot(decoding: snapshotBytes),
            let entries = try? EntryTable(path: directory + "/" + entriesFile),
            entries.state == .clean,
            entries.count == snapshot.entryCount,
            entries.coveredLogEnd == snapshot.coveredLogEnd,
            let ids = try? IDTable(path: directory + "/" + idsFile),
            ids.count == entries.count
        else { return nil }
        return LogIndex(
            directory: directory, entries: entries, ids: ids, chains: snapshot.chains,
            channels: snapshot.channels, latestPrivate: snapshot.latestPrivate)
    }

    /// Deletes whatever index is in `directory` and creates an empty one.
    static func createEmpty(directory: String) throws(IndexError) -> LogIndex {
        try makeDirectory(directory)
        for name in [entriesFile, idsFile, headsFile, idsFile + ".grow", headsFile + ".tmp"] {
            unlinkIgnoringErrors(directory + "/" + name)
        }
        let entries = try EntryTable(path: directory + "/" + entriesFile)
        let ids = try IDTable(path: directory + "/" + idsFile)
        return LogIndex(
            directory: directory, entries: entries, ids: ids, chains: [:], channels: [:],
            latestPrivate: [:])
    }

    /// The log offset up to which the log has been indexed.
    var coveredLogEnd: UInt64 { entries.coveredLogEnd }

    /// The number of indexed entries.
    var count: UInt64 { entries.count }

    /// The ordinal of the entry whose id is `id`, confirmed by `matches` (which reads the entry).
    func ordinal(of id: EntryID, matches: (UInt64) -> Bool) -> UInt64? {
        let prefix = Self.prefix(of: id)
        return ids.firstOrdinal(withPrefix: prefix) { ordinal in
            entries.idPrefix(at: ordinal) == prefix && matches(ordinal)
        }
    }

    /// Records that an entry at `logOffset` was appended to the log, as `decision` says.
    ///
    /// - Returns: the new ordinal, or nil for decisions that index nothing (a duplicate; a gap,
    ///   which only happens when rebuilding after damage and is remembered as the highest sequence
    ///   seen).
    @discardableResult
    func add(_ entry: Entry, at logOffset: UInt64, decision: ChainDecision) throws(IndexError)
        -> UInt64?
    {
        let chainKey = entry.chain
        switch decision {
        case .append:
            let previous = chains[chainKey]
            var channelKey: ChannelKey?
            var about = false
            var topic: Topic?
            var isPrivate = false
            switch entry.decodedContent {
            case .post(let post):
                channelKey = ChannelKey(community: entry.community, channel: post.channel)
            case .about: about = true
            case .topic(let content): topic = content
            case .private: isPrivate = true
            default: break
            }
            // A private entry has no channel: its channel link chains it to the community's
            // previous private entry instead.
            let channelPrevious =
                isPrivate
                ? latestPrivate[entry.community]
                : channelKey.flatMap { channels[$0]?.lastOrdinal }
            let ordinal = try insert(
                entry, at: logOffset, chainPrevious: previous?.headOrdinal,
                channelPrevious: channelPrevious, isFork: false)
            if previous == nil { authors.add(chainKey) }
            chains[chainKey] = ChainState(
                headSequence: entry.sequence, headOrdinal: ordinal, headID: entry.id,
                forkOrdinal: previous?.forkOrdinal,
                highestSeenSequence: max(previous?.highestSeenSequence ?? 0, entry.sequence),
                aboutOrdinal: about ? ordinal : previous?.aboutOrdinal)
            if let channelKey {
                var state = channels[channelKey] ?? ChannelState(count: 0, lastOrdinal: nil)
                state.count += 1
                state.lastOrdinal = ordinal
                channels[channelKey] = state
            }
            if isPrivate { latestPrivate[entry.community] = ordinal }
            if let topic { consider(topic, of: entry, at: ordinal) }
            return ordinal
        case .fork:
            guard var state = chains[chainKey] else { return nil }
            let ordinal = try insert(
                entry, at: logOffset, chainPrevious: nil, channelPrevious: nil, isFork: true)
            if state.forkOrdinal == nil { state.forkOrdinal = ordinal }
            chains[chainKey] = state
            if case .topic(let topic) = entry.decodedContent {
                consider(topic, of: entry, at: ordinal)
            }
            return ordinal
        case .gap:
            if var state = chains[chainKey] {
                state.highestSeenSequence = max(state.highestSeenSequence, entry.sequence)
                chains[chainKey] = state
            }
            return nil
        case .duplicate, .forkIgnored:
            return nil
        }
    }

    /// Makes a held topic entry its channel's current topic if it wins (content.md): fork proofs
    /// count too, so nodes holding the same entries agree whatever order they arrived in.
    private func consider(_ topic: Topic, of entry: Entry, at ordinal: UInt64) {
        let key = ChannelKey(community: entry.community, channel: topic.channel)
        var state = channels[key] ?? ChannelState(count: 0, lastOrdinal: nil)
        if let current = state.topic,
            !current.isReplaced(byTimestamp: entry.timestamp, id: entry.id)
        {
            return
        }
        state.topic = ChannelTopicState(ordinal: ordinal, timestamp: entry.timestamp, id: entry.id)
        channels[key] = state
    }

    private func insert(
        _ entry: Entry, at logOffset: UInt64, chainPrevious: UInt64?, channelPrevious: UInt64?,
        isFork: Bool
    ) throws(IndexError) -> UInt64 {
        let prefix = Self.prefix(of: entry.id)
        let ordinal = try entries.append(
            EntryTable.Record(
                logOffset: logOffset, idPrefix: prefix, chainPrevious: chainPrevious,
                channelPrevious: channelPrevious, isFork: isFork))
        try ids.insert(ordinal: ordinal, prefix: prefix) { entries.idPrefix(at: $0) }
        return ordinal
    }

    /// Grows the index files now if one more entry would not fit, so that adding it cannot fail
    /// after the entry is in the log (a full disk shows here, before anything is written).
    func makeRoomForOneMore() throws(IndexError) {
        try entries.makeRoomForOneMore()
        try ids.makeRoomForOneMore { entries.idPrefix(at: $0) }
    }

    /// Marks the index as being modified: until the next checkpoint, a crash means a rebuild.
    func markDirty() throws(IndexError) {
        guard entries.state != .dirty else { return }
        try entries.markState(.dirty)
    }

    /// Makes the index durable as covering the log up to `logEnd` (which must be durable already).
    func checkpoint(coveredLogEnd logEnd: UInt64) throws(IndexError) {
        try entries.sync()
        try ids.sync()
        let snapshot = HeadsSnapshot(
            coveredLogEnd: logEnd, entryCount: entries.count, chains: chains, channels: channels,
            latestPrivate: latestPrivate)
        try writeFileAtomically(directory + "/" + Self.headsFile, snapshot.encoded())
        entries.coveredLogEnd = logEnd
        try entries.markState(.clean)
    }

    /// Notes that the log has been indexed up to `logEnd` (without making it durable).
    func advance(to logEnd: UInt64) {
        entries.coveredLogEnd = logEnd
    }

    /// The first 8 bytes of an id as a machine word: the hash table's key.
    static func prefix(of id: EntryID) -> UInt64 {
        var value: UInt64 = 0
        for byte in id.bytes.prefix(8) { value = value << 8 | UInt64(byte) }
        return value
    }
}
