import KithCore

extension EntryStore {
    /// The number of entries indexed (chain entries and fork proofs).
    public var entryCount: UInt64 { index.count }

    /// The log offset just past the last appended record.
    public var logEndOffset: LogOffset { log.endOffset }

    /// What the store holds of a chain, or nil when it holds none of it.
    public func state(of chain: ChainKey) -> ChainState? { index.chains[chain] }

    /// Every chain the store holds, with its state.
    public var chains: [ChainKey: ChainState] { index.chains }

    /// The replication clock of a community: each author's head sequence.
    public func clock(of community: CommunityID) -> [PublicKey: UInt64] {
        var clock: [PublicKey: UInt64] = [:]
        for (chain, state) in index.chains where chain.community == community {
            clock[chain.author] = state.headSequence
        }
        return clock
    }

    /// The replication clock of a community in author key order: each author's head sequence.
    public func clockInKeyOrder(of community: CommunityID) -> [(author: PublicKey, head: UInt64)] {
        index.authors.page(in: community, after: nil, limit: .max).authors.map { author in
            (
                author,
                index.chains[ChainKey(author: author, community: community)]?.headSequence ?? 0
            )
        }
    }

    /// The number of authors whose chain the store holds in `community`.
    public func authorCount(in community: CommunityID) -> Int {
        index.authors.count(in: community)
    }

    /// At most `limit` authors whose chain the store holds in `community`, in key order, from
    /// the first that comes after `key` (from the first when nil), and how many come after `key`
    /// in all. Costs a binary search and the page, however many authors there are.
    public func authors(in community: CommunityID, after key: PublicKey?, limit: Int)
        -> (authors: [PublicKey], countAfter: Int)
    {
        index.authors.page(in: community, after: key, limit: limit)
    }

    /// The channels of a community with their state, by name: every channel with a post or a
    /// topic entry (a channel with only a topic has a post count of 0).
    public func channels(in community: CommunityID) -> [(ChannelName, ChannelState)] {
        index.channels.compactMap { key, state in
            key.community == community ? (key.channel, state) : nil
        }.sorted { $0.0 < $1.0 }
    }

    /// Whether the store holds an entry with this id.
    public func contains(_ id: EntryID) -> Bool {
        index.ordinal(of: id) { ordinal in
            (try? readEntry(ordinal: ordinal))?.id == id
        } != nil
    }

    /// The entry with this id, if held.
    public func entry(_ id: EntryID) throws(StoreError) -> Entry? {
        var found: Entry?
        var failure: StoreError?
        _ = index.ordinal(of: id) { ordinal in
            do throws(StoreError) {
                let entry = try readEntry(ordinal: ordinal)
                if entry.id == id { found = entry }
            } catch {
                failure = error
            }
            return found != nil
        }
        if let failure, found == nil { throw failure }
        return found
    }

    /// The entry at an ordinal (its position among indexed entries, in log order).
    public func entry(atOrdinal ordinal: UInt64) throws(StoreError) -> Entry? {
        guard ordinal < index.count else { return nil }
        return try readEntry(ordinal: ordinal)
    }

    /// The latest display name an author set in a community.
    public func displayName(of chain: ChainKey) -> DisplayName? {
        guard let ordinal = index.chains[chain]?.aboutOrdinal,
            let entry = try? readEntry(ordinal: ordinal),
            case .about(let about) = entry.decodedContent
        else { return nil }
        return about.name
    }

    /// The current topic of a channel (content.md): its topic entry with the greatest timestamp,
    /// ties broken by the greater id. Nil when it has none, when the winning entry clears the
    /// topic (empty text), or when that entry cannot be read.
    public func topic(of channel: ChannelKey) -> ChannelTopic? {
        guard let state = index.channels[channel]?.topic,
            let entry = try? readEntry(ordinal: state.ordinal),
            case .topic(let topic) = entry.decodedContent,
            !topic.clears
        else { return nil }
        return ChannelTopic(
            topic: topic, author: entry.author, timestamp: entry.timestamp, entryID: entry.id)
    }

    /// The latest `limit` posts of a channel, oldest first.
    public func recentPosts(in channel: ChannelKey, limit: Int) throws(StoreError) -> [Entry] {
        guard let latest = latestPostOrdinal(in: channel) else { return [] }
        return try posts(in: channel, from: latest, limit: limit).entries.reversed()
    }

    /// The ordinal of a channel's latest post, where a walk of its posts starts; nil when it
    /// has none.
    public func latestPostOrdinal(in channel: ChannelKey) -> UInt64? {
        index.channels[channel]?.lastOrdinal
    }

    /// At most `limit` posts of a channel newest first, from the one at `ordinal`
    /// (``latestPostOrdinal(in:)``, or where an earlier walk stopped), and the ordinal of the
    /// next one to read; nil when none is left. Lets a long walk be cut into bounded steps.
    public func posts(in channel: ChannelKey, from ordinal: UInt64, limit: Int)
        throws(StoreError) -> (entries: [Entry], next: UInt64?)
    {
        var posts: [Entry] = []
        var next: UInt64? = ordinal
        while posts.count < limit, let current = next {
            posts.append(try readEntry(ordinal: current))
            next = index.entries.record(at: current)?.channelPrevious
        }
        return (posts, next)
    }

    /// Up to `limit` entries of a chain from `sequence` on, in sequence order (no fork proofs).
    public func entries(of chain: ChainKey, from sequence: UInt64, limit: Int) throws(StoreError)
        -> [Entry]
    {
        guard limit > 0, let state = index.chains[chain], sequence <= state.headSequence else {
            return []
        }
        let first = max(sequence, 1)
        guard var ordinal = startOrdinal(of: chain, state: state, sequence: first) else {
            return []
        }
        var result: [Entry] = []
        var current = first
        while result.count < limit {
            let entry = try readEntry(ordinal: ordinal)
            guard entry.sequence == current else { break }
            result.append(entry)
            rememberWalk(chain: chain, sequence: current, ordinal: ordinal)
            guard current < state.headSequence,
                let next = index.entries.record(at: ordinal)?.chainNext
            else { break }
            ordinal = next
            current += 1
        }
        return result
    }

    /// The ordinal of a chain's entry with `sequence`: forwards from a remembered position when
    /// one is close, else backwards from the head.
    private func startOrdinal(of chain: ChainKey, state: ChainState, sequence: UInt64) -> UInt64? {
        var ordinal = state.headOrdinal
        var current = state.headSequence
        if let cursor = walkPosition(of: chain), cursor.sequence <= sequence,
            sequence - cursor.sequence < state.headSequence - sequence
        {
            ordinal = cursor.ordinal
            current = cursor.sequence
            while current < sequence {
                guard let next = index.entries.record(at: ordinal)?.chainNext else { return nil }
                ordinal = next
                current += 1
            }
            return ordinal
        }
        while current > sequence {
            guard let previous = index.entries.record(at: ordinal)?.chainPrevious else {
                return nil
            }
            ordinal = previous
            current -= 1
        }
        return ordinal
    }

    /// Every fork proof held: the chain and the fork entry.
    public func forks() throws(StoreError) -> [(ChainKey, Entry)] {
        var result: [(ChainKey, Entry)] = []
        for (chain, state) in index.chains {
            if let ordinal = state.forkOrdinal {
                result.append((chain, try readEntry(ordinal: ordinal)))
            }
        }
        return result
    }

    func readEntry(ordinal: UInt64) throws(StoreError) -> Entry {
        guard let record = index.entries.record(at: ordinal) else {
            throw .index(.damaged(index.directory, reason: "no entry at ordinal \(ordinal)"))
        }
        let payload: [UInt8]
        do {
            payload = try log.read(at: LogOffset(record.logOffset))
        } catch {
            throw .log(error)
        }
        do {
            return try Entry(decoding: payload)
        } catch {
            throw .invalidEntry(error)
        }
    }
}
