import KithCore

/// A node's entries on disk: the append-only log with its derived index, and the chain rules.
///
/// The store is the only way Kith writes entries. It validates every entry against the chain it
/// belongs to (Protocol/entries.md), appends it to the log (Protocol/log.md), and indexes it so that
/// "entry by id", "head of chain X" and "posts of channel C" never scan the log.
///
/// Open it once per process that writes (the log's lock refuses a second writer). It is not
/// thread-safe: one owner (an actor or a serial queue) drives it; `ingest` uses every core inside.
public final class EntryStore {
    /// The directory holding `log/` and `index/`: the node's home.
    public let directory: String
    /// What opening the store found (recovery, rebuilds, damage).
    public internal(set) var openReport: StoreOpenReport
    /// The signatures of received entries checked since the store was opened (each entry of a
    /// batch once, none for entries already held).
    public private(set) var signaturesChecked = 0
    /// The fdatasyncs of the log since the store was opened: with group commit, fewer than the
    /// entries appended.
    public var logSyncCount: Int { log.syncCount }
    /// Why the last write or sync failed, until one succeeds again (nil: the log is durable up to
    /// what was last synced). Entries appended meanwhile stay buffered.
    public private(set) var writeFailure: StoreError?
    /// Why the last entry reported as ``AppendOutcome/notStored(_:)`` could not be appended.
    public private(set) var lastAppendFailure: StoreError?

    let log: SegmentedLog
    let index: LogIndex
    /// The last sequence signed of each chain this home signs (`<home>/signed`).
    let signed: SignedSequences
    /// When and from where each appended entry arrived (`<home>/index/arrivals.karv`).
    let arrivals: ArrivalsFile
    private var indexIsDirty = false
    /// Set when an operation failed half-way: the index may disagree with the log, so it is never
    /// checkpointed again by this process and the next open rebuilds it. Set by opening
    /// (EntryStore+Opening.swift) and by writing.
    var indexIsSuspect = false
    private var isClosed = false
    private var walkCursors = ChainWalkCursors()

    /// A store over what ``open(directory:logOptions:)`` opened (EntryStore+Opening.swift): the
    /// only caller.
    init(
        directory: String, log: SegmentedLog, index: LogIndex, signed: SignedSequences,
        report: StoreOpenReport
    ) {
        self.directory = directory
        self.log = log
        self.index = index
        self.signed = signed
        arrivals = ArrivalsFile(path: index.directory + "/" + ArrivalsFile.fileName)
        self.openReport = report
    }

    deinit {
        try? close()
    }

    // MARK: - Writing

    /// Offers one entry whose signature has already been verified; appends it if the chain rules
    /// allow, and records its `arrival` when given. The append is buffered: call `sync()` to make
    /// it durable (group commit).
    @discardableResult
    public func append(verified entry: Entry, arrival: Arrival? = nil) throws(StoreError)
        -> AppendOutcome
    {
        let decision = classify(entry)
        switch decision {
        case .append, .fork:
            try markIndexDirty()
            do {
                try index.makeRoomForOneMore()
            } catch {
                throw .index(error)
            }
            let offset: LogOffset
            do {
                offset = try log.append(entry.bytes)
            } catch {
                indexIsSuspect = true
                throw .log(error)
            }
            do {
                try index.add(entry, at: offset.rawValue, decision: decision)
            } catch {
                indexIsSuspect = true
                throw .index(error)
            }
            index.advance(to: log.endOffset.rawValue)
            if let arrival {
                arrivals.record(
                    ArrivalRecord(logOffset: offset.rawValue, id: entry.id, arrival: arrival))
            }
            if case .fork = decision { return .forkRecorded(entry) }
            return .appended(entry)
        case .duplicate:
            return .duplicate(entry)
        case .gap(let expected):
            return .gap(entry, expected: expected)
        case .forkIgnored:
            return .forkIgnored(entry)
        }
    }

    /// Decodes a batch of payloads received from peers and ingests them like
    /// ``ingest(entries:parallelism:)``; a payload that does not decode is invalid. Returns one
    /// outcome per payload, in order.
    public func ingest(_ payloads: [[UInt8]], parallelism: Int? = nil) throws(StoreError)
        -> [AppendOutcome]
    {
        var outcomes: [AppendOutcome?] = Array(repeating: nil, count: payloads.count)
        var decoded: [Entry] = []
        var positions: [Int] = []
        for (position, payload) in payloads.enumerated() {
            do {
                decoded.append(try Entry(decoding: payload))
                positions.append(position)
            } catch {
                outcomes[position] = .invalid(error)
            }
        }
        let results = try ingest(entries: decoded, parallelism: parallelism)
        for (index, outcome) in results.enumerated() { outcomes[positions[index]] = outcome }
        return outcomes.map { $0 ?? .invalid(.tooShort(0)) }
    }

    /// Verifies a batch of decoded entries received from peers on every core, then appends the
    /// valid ones in order, recording `arrivals[i]` for `entries[i]` when given. Returns one
    /// outcome per entry, in order. Durable after `sync()`.
    ///
    /// Each entry is verified once: entries already held, and later copies of an entry earlier in
    /// the batch, are recognised by id before any signature is checked (the id covers every byte,
    /// signature included, so an identical entry was or is being verified) and are duplicates.
    public func ingest(
        entries: [Entry], parallelism: Int? = nil, arrivals: [Arrival?] = []
    ) throws(StoreError) -> [AppendOutcome] {
        var outcomes: [AppendOutcome?] = Array(repeating: nil, count: entries.count)
        var toVerify: [Entry] = []
        var positions: [Int] = []
        // Where the first copy of each entry of the batch is; later copies take its outcome.
        var firstCopy: [EntryID: Int] = [:]
        var laterCopies: [(position: Int, first: Int)] = []
        for (position, entry) in entries.enumerated() {
            if let first = firstCopy[entry.id] {
                laterCopies.append((position, first))
            } else if isHead(entry) || contains(entry.id) {
                outcomes[position] = .duplicate(entry)
            } else {
                firstCopy[entry.id] = position
                toVerify.append(entry)
                positions.append(position)
            }
        }
        let valid = ParallelVerifier.verifySignatures(
            toVerify, width: parallelism ?? ParallelVerifier.defaultWidth)
        signaturesChecked += toVerify.count
        var failed = false
        for (index, entry) in toVerify.enumerated() {
            guard valid[index] else {
                outcomes[positions[index]] = .invalid(.badSignature)
                continue
            }
            // After a failed append (a full disk) the rest of the batch is not tried: the log
            // stays a prefix of what was offered, and what is not stored can be offered again.
            guard !failed else {
                outcomes[positions[index]] = .notStored(entry)
                continue
            }
            do {
                let position = positions[index]
                outcomes[position] = try append(
                    verified: entry, arrival: position < arrivals.count ? arrivals[position] : nil)
            } catch {
                lastAppendFailure = error
                failed = true
                outcomes[positions[index]] = .notStored(entry)
            }
        }
        for (position, first) in laterCopies {
            if case .invalid(let error) = outcomes[first] {
                outcomes[position] = .invalid(error)
            } else if case .notStored = outcomes[first] {
                outcomes[position] = .notStored(entries[position])
            } else {
                outcomes[position] = .duplicate(entries[position])
            }
        }
        return outcomes.map { $0 ?? .invalid(.tooShort(0)) }
    }

    /// Whether `entry` is the head of its chain: the most common duplicate (a peer pushing what a
    /// datagram brought a moment earlier), recognised from memory without reading the log.
    private func isHead(_ entry: Entry) -> Bool {
        guard let state = state(of: entry.chain) else { return false }
        return state.headSequence == entry.sequence && state.headID == entry.id
    }

    /// Signs and appends the author's next entry, and returns once it is on disk (fsync).
    ///
    /// The node continues its chain from the head in its log; it refuses to post to a forked chain
    /// or to one that lost entries, since either would reuse a sequence number.
    public func publish(
        contentType: ContentType, content: [UInt8], in community: CommunityID, by key: SigningKey,
        timestamp: UInt64
    ) throws(StoreError) -> Entry {
        let entry = try appendOwn(
            contentType: contentType, content: content, in: community, by: key,
            timestamp: timestamp)
        do {
            try commitOwn([entry])
        } catch {
            throw .notDurable(entry, error)
        }
        return entry
    }

    /// Signs and appends the author's next entry without waiting for the disk: it is readable
    /// and indexed at once, and durable after ``commitOwn(_:)``, which is how several posts
    /// share one fsync (group commit). Nothing may send the entry to anyone before that commit
    /// succeeded: a crash before it loses the entry, and its sequence is then signed again.
    ///
    /// - Throws: ``StoreError/chainForked(_:)``, ``StoreError/chainDamaged(_:missingFrom:)`` or
    ///   ``StoreError/signedBeyondLog(_:held:signed:)`` when extending the chain would reuse a
    ///   sequence number; a log error when entries a failed write left buffered still cannot be
    ///   written.
    public func appendOwn(
        contentType: ContentType, content: [UInt8], in community: CommunityID, by key: SigningKey,
        timestamp: UInt64
    ) throws(StoreError) -> Entry {
        let chain = ChainKey(author: key.publicKey, community: community)
        let state = index.chains[chain]
        if let state {
            guard state.forkOrdinal == nil else { throw .chainForked(chain) }
            guard state.highestSeenSequence <= state.headSequence else {
                throw .chainDamaged(chain, missingFrom: state.headSequence + 1)
            }
        }
        // Entries left buffered by a failed write go first; while they cannot, nothing is signed.
        if writeFailure != nil { try sync() }
        // The log may have lost entries this home signed: never sign their sequences again.
        let lastSigned = signed.lastSigned(chain)
        guard (state?.headSequence ?? 0) >= lastSigned else {
            throw .signedBeyondLog(chain, held: state?.headSequence ?? 0, signed: lastSigned)
        }
        let entry: Entry
        do {
            entry = try Entry.sign(
                community: community, sequence: (state?.headSequence ?? 0) + 1,
                previous: state?.headID ?? .zero, timestamp: timestamp, contentType: contentType,
                content: content, with: key)
        } catch {
            throw .cannotSign(error)
        }
        let outcome = try append(
            verified: entry, arrival: Arrival(source: .posted, time: timestamp))
        guard case .appended = outcome else {
            throw .notAppended(classify(entry))
        }
        return entry
    }

    /// Makes the entries ``appendOwn(contentType:content:in:by:timestamp:)`` appended durable
    /// with one fsync of the log, then writes the last sequence signed of each of their chains
    /// (durable by the next ``syncRecords()``).
    ///
    /// - Throws: the log's error when the sync fails (a full disk): the entries stay buffered,
    ///   readable and indexed, and a later sync that succeeds writes them.
    public func commitOwn(_ entries: [Entry]) throws(StoreError) {
        try sync()
        // Only once the entries are durable: a record of a sequence the log then lost to a
        // crash would refuse every later post, although no one ever saw that entry. A record
        // that cannot be written leaves the file one behind, which is safe.
        var lastOfChain: [ChainKey: UInt64] = [:]
        for entry in entries {
            lastOfChain[entry.chain] = max(lastOfChain[entry.chain] ?? 0, entry.sequence)
        }
        for (chain, sequence) in lastOfChain where sequence > signed.lastSigned(chain) {
            try? signed.record(chain, sequence: sequence)
        }
        // The file is made durable within a second (``syncRecords()``), not here: the log holds
        // the entries durably now, and the file guards only against later damage to the log.
    }

    /// Writes what was appended to the log file without waiting for the disk: other processes
    /// (kith-log, `kith history` with no node) read it, and a crash of this process loses
    /// nothing of it; a crash of the machine may lose what no ``sync()`` made durable since.
    ///
    /// When writing fails (a full disk), what was appended stays buffered, readable and indexed:
    /// ``writeFailure`` says why, and a later `flush` or `sync` that succeeds writes it.
    public func flush() throws(StoreError) {
        do {
            try log.flush()
        } catch {
            writeFailure = .log(error)
            throw .log(error)
        }
    }

    /// Makes every append so far durable (one fsync for all of them).
    ///
    /// When writing or syncing fails (a full disk), what was appended stays buffered, readable
    /// and indexed: ``writeFailure`` says why, and the next `sync` that succeeds writes it.
    public func sync() throws(StoreError) {
        do {
            try log.sync()
        } catch {
            writeFailure = .log(error)
            throw .log(error)
        }
        writeFailure = nil
        arrivals.write()
    }

    /// Makes the records kept beside the log durable: the arrivals and the last sequences
    /// signed, written after each sync of the log. A node calls it once a second, so that a
    /// commit costs one fdatasync, the log's; ``close()`` calls it too (log.md, "The
    /// signed-sequence file").
    public func syncRecords() {
        arrivals.sync()
        try? signed.sync()
    }

    /// Makes the log durable and records the index as matching it, so the next open is fast.
    public func checkpoint() throws(StoreError) {
        try sync()
        guard !indexIsSuspect else { return }
        do {
            try index.checkpoint(coveredLogEnd: log.endOffset.rawValue)
        } catch {
            throw .index(error)
        }
        indexIsDirty = false
    }

    /// Checkpoints and releases the log (and its lock). Further use is an error.
    public func close() throws(StoreError) {
        guard !isClosed else { return }
        isClosed = true
        defer {
            syncRecords()
            signed.close()
            arrivals.close()
        }
        try checkpoint()
        do {
            try log.close()
        } catch {
            throw .log(error)
        }
    }

    /// Records in the index that it no longer matches a checkpoint, before its first change.
    func markIndexDirty() throws(StoreError) {
        guard !indexIsDirty else { return }
        do {
            try index.markDirty()
        } catch {
            throw .index(error)
        }
        indexIsDirty = true
    }

    func walkPosition(of chain: ChainKey) -> ChainWalkCursors.Position? {
        walkCursors.position(of: chain)
    }

    func rememberWalk(chain: ChainKey, sequence: UInt64, ordinal: UInt64) {
        walkCursors.remember(.init(sequence: sequence, ordinal: ordinal), for: chain)
    }

    // MARK: - Chain rules

    /// How the chain rules classify `entry` against what the store holds.
    public func classify(_ entry: Entry) -> ChainDecision {
        let state = index.chains[entry.chain]
        return ChainRules.classify(entry, head: state?.head, alreadyHeld: contains(entry.id))
    }
}
