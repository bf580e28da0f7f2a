import KithSystem

/// Read-only access to a log directory, safe to use while a writer in another process appends.
///
/// A reader takes no lock and never changes a file. It reads records up to the last sound one; a
/// partial record at the end of the last segment is treated as not yet written (log.md, "One
/// writer"). Records that a ``SegmentedLog`` in this process holds in its write buffer become
/// visible after its ``SegmentedLog/flush()`` or ``SegmentedLog/sync()``.
///
/// Scans read the files in large chunks (1 MiB `pread` calls), not one system call per record.
/// A reader is not `Sendable`: use it from one task at a time, or open one per task.
public final class LogReader {
    /// The log directory.
    public let directory: String
    private let segments: SegmentDirectory
    private let files: SegmentFileCache
    private var knownBases: [UInt64] = []

    /// Opens the log in `directory` for reading. The directory must exist.
    public init(directory: String) throws(LogError) {
        guard FileSystem.isDirectory(directory) else {
            throw LogError.io(
                operation: "open log directory", path: directory, errno: .noSuchFileOrDirectory)
        }
        self.directory = directory
        self.segments = SegmentDirectory(path: directory)
        self.files = SegmentFileCache(directory: segments)
    }

    /// Calls `body` for every sound record from `offset` on, in log order, without loading the log
    /// into memory; returns what the scan found.
    ///
    /// `offset` should be a record's offset, `.zero` (the first record) or an earlier summary's
    /// ``ScanSummary/endOffset``; an offset inside a record makes its bytes look like a corrupt
    /// region. The payload buffer passed to `body` is valid only during the call: copy what you keep.
    /// Return ``ScanControl/stop`` to end the scan early. An error thrown by `body` ends the scan and
    /// comes back as ``LogScanError/body(_:)``.
    public func forEachRecord<BodyError: Error>(
        from offset: LogOffset = .zero,
        _ body: (LogOffset, UnsafeRawBufferPointer) throws(BodyError) -> ScanControl
    ) throws(LogScanError<BodyError>) -> ScanSummary {
        var summary = ScanSummary(startOffset: offset)
        let walker: LogWalker
        do {
            walker = try LogWalker(directory: segments, from: offset)
        } catch {
            throw .log(error)
        }
        while true {
            let step: LogWalker.Step
            do {
                step = try walker.step()
            } catch {
                throw .log(error)
            }
            switch step {
            case .record(let recordOffset, let payload):
                summary.recordCount += 1
                summary.endOffset = recordOffset.advanced(
                    by: UInt64(RecordFormat.headerSize + payload.count))
                let control: ScanControl
                do {
                    control = try body(recordOffset, payload)
                } catch {
                    throw .body(error)
                }
                if control == .stop {
                    summary.stoppedEarly = true
                    return summary
                }
            case .corrupt(let region):
                summary.corruptRegions.append(region)
            case .damaged(let segment):
                summary.damagedSegments.append(segment)
            case .caughtUp(let tail):
                summary.partialTail = tail
                summary.endOffset = max(summary.endOffset, walker.position)
                return summary
            }
        }
    }

    /// All records from `offset` on, with the scan summary. Loads every payload into memory: meant
    /// for small logs and tests; use ``forEachRecord(from:_:)`` for large ones.
    public func readAll(from offset: LogOffset = .zero) throws(LogError) -> (
        records: [LogRecord], summary: ScanSummary
    ) {
        var records: [LogRecord] = []
        do {
            let summary = try forEachRecord(from: offset) {
                (recordOffset, payload) throws(Never) -> ScanControl in
                records.append(LogRecord(offset: recordOffset, payload: Array(payload)))
                return .continue
            }
            return (records, summary)
        } catch {
            switch error {
            case .log(let logError): throw logError
            }
        }
    }

    /// A cursor at `offset` that hands out records one at a time and can follow the log as it
    /// grows (``LogCursor``).
    public func cursor(from offset: LogOffset = .zero) throws(LogError) -> LogCursor {
        LogCursor(walker: try LogWalker(directory: segments, from: offset))
    }

    /// The payload of the record at `offset`, after checking its checksum.
    ///
    /// Throws ``LogError/corruptRecord(offset:)`` when no sound record starts there and
    /// ``LogError/noRecord(offset:)`` when no segment file holds a complete record there.
    public func read(at offset: LogOffset) throws(LogError) -> [UInt8] {
        do {
            return try read(at: offset, in: knownBases)
        } catch {
            guard case .noRecord = error else { throw error }
            // The log may have a segment this reader has not listed yet.
            let listed = try segments.listBaseOffsets()
            guard listed != knownBases else { throw error }
            knownBases = listed
            return try read(at: offset, in: knownBases)
        }
    }

    private func read(at offset: LogOffset, in bases: [UInt64]) throws(LogError) -> [UInt8] {
        guard let index = SegmentDirectory.indexOfSegment(containing: offset.rawValue, in: bases)
        else {
            throw LogError.noRecord(offset: offset)
        }
        let base = bases[index]
        return try files.readRecord(baseOffset: base, position: offset.rawValue - base)
    }

    /// The log offset just after the last byte of the last segment file right now (which may end
    /// with a partial record), or `.zero` when there is no segment yet. A quick way to see whether
    /// the log has grown.
    public func endOffset() throws(LogError) -> LogOffset {
        let bases = try segments.listBaseOffsets()
        guard let last = bases.last else { return .zero }
        let path = segments.segmentPath(baseOffset: last)
        do {
            return LogOffset(last + (try FileSystem.fileSize(path)))
        } catch {
            throw error.log("stat", path)
        }
    }
}
