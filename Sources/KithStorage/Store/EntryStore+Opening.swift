import KithCore

/// Opening a store: the log recovered after a crash, the index reused when it was checkpointed
/// cleanly and agrees with the log, else rebuilt; then the records past the index's end indexed.
extension EntryStore {
    /// The log directory inside a home.
    public static func logDirectory(in home: String) -> String { home + "/log" }
    /// The index directory inside a home.
    public static func indexDirectory(in home: String) -> String { home + "/index" }

    /// Opens (creating if needed) the store in `directory`, recovering the log after a crash and
    /// reusing the index when it was checkpointed cleanly, else rebuilding it from the log.
    public static func open(directory: String, logOptions: LogOptions = LogOptions())
        throws(StoreError)
        -> EntryStore
    {
        let indexDirectory = indexDirectory(in: directory)
        let logDirectory = logDirectory(in: directory)
        do {
            try makeDirectory(directory)
        } catch {
            throw .index(error)
        }
        // The index is opened (its files mapped read-write, created when missing) only under
        // the log's lock: a process waiting for the lock must not touch the files its holder
        // is writing.
        var candidate: LogIndex?
        let log: SegmentedLog
        let recovery: RecoveryReport
        do {
            (log, recovery) = try SegmentedLog.open(directory: logDirectory, options: logOptions) {
                candidate = LogIndex.openCheckpointed(directory: indexDirectory)
                return candidate.map { LogOffset($0.coveredLogEnd) }
            }
        } catch {
            throw .log(error)
        }
        if let existing = candidate,
            recovery.trustedEndRejected
                || existing.coveredLogEnd > log.endOffset.rawValue
                || !Self.spotCheck(existing, log: log)
        {
            candidate = nil
        }
        var report = StoreOpenReport(
            recovery: recovery, indexRebuilt: candidate == nil, recordsScanned: 0,
            corruptRegions: [], undecodableRecords: [], unchainedEntries: 0)
        let signed: SignedSequences
        do {
            signed = try SignedSequences.open(home: directory)
        } catch {
            try? log.close()
            throw error
        }
        report.signedSequencesRebuilt = signed.wasRebuilt
        do {
            let index = try candidate ?? LogIndex.createEmpty(directory: indexDirectory)
            let store = EntryStore(
                directory: directory, log: log, index: index, signed: signed, report: report)
            if candidate == nil { try store.markIndexDirty() }
            try store.indexLogTail(into: &report)
            if report.indexRebuilt || report.recordsScanned > 0 {
                try store.checkpoint()
            }
            store.openReport = report
            return store
        } catch let error as StoreError {
            throw error
        } catch let error as IndexError {
            throw .index(error)
        } catch {
            throw .index(.damaged(indexDirectory, reason: "\(error)"))
        }
    }

    /// Checks that a reused index agrees with the log at its first and last entries.
    private static func spotCheck(_ index: LogIndex, log: SegmentedLog) -> Bool {
        guard index.count > 0 else { return true }
        for ordinal in Set([0, index.count - 1]) {
            guard let record = index.entries.record(at: ordinal),
                let payload = try? log.read(at: LogOffset(record.logOffset)),
                let entry = try? Entry(decoding: payload),
                LogIndex.prefix(of: entry.id) == record.idPrefix
            else { return false }
        }
        return true
    }

    /// Indexes every record between the index's covered end and the end of the log.
    private func indexLogTail(into report: inout StoreOpenReport) throws(StoreError) {
        indexIsSuspect = true
        var failureFree = false
        defer { if failureFree { indexIsSuspect = false } }
        let reader: LogReader
        do {
            reader = try LogReader(directory: log.directory)
        } catch {
            throw .log(error)
        }
        let start = LogOffset(index.coveredLogEnd)
        var failure: StoreError?
        var undecodable: [LogOffset] = []
        var unchained = 0
        let summary: ScanSummary
        do throws(LogScanError<Never>) {
            summary = try reader.forEachRecord(from: start) {
                (offset: LogOffset, payload: UnsafeRawBufferPointer) throws(Never) -> ScanControl in
                let entry: Entry
                do {
                    entry = try Entry(decoding: payload)
                } catch {
                    undecodable.append(offset)
                    return .continue
                }
                let decision = classify(entry)
                if case .gap = decision { unchained += 1 }
                do throws(IndexError) {
                    try index.add(entry, at: offset.rawValue, decision: decision)
                } catch {
                    failure = .index(error)
                    return .stop
                }
                return .continue
            }
        } catch {
            switch error {
            case .log(let logError): throw .log(logError)
            case .body: throw .index(.damaged(index.directory, reason: "scan failed"))
            }
        }
        if let failure { throw failure }
        report.recordsScanned = summary.recordCount
        report.corruptRegions = summary.corruptRegions.filter { region in
            !report.recovery.corruptRegions.contains(region)
        }
        report.undecodableRecords = undecodable
        report.unchainedEntries = unchained
        index.advance(to: max(log.endOffset.rawValue, index.coveredLogEnd))
        failureFree = true
    }
}
