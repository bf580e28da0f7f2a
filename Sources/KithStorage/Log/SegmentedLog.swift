import KithSystem

/// The writer of an append-only segmented log (log.md): the single process that appends records.
///
/// ```swift
/// let (log, report) = try SegmentedLog.open(directory: home + "/log")
/// if !report.isClean { print(report) }
/// let offset = try log.append(entryBytes)   // buffered
/// try log.sync()                            // durable: one fdatasync for many appends
/// let again = try log.read(at: offset)
/// try log.close()
/// ```
///
/// Appends go to an in-memory buffer that is written with one `pwrite` when it fills
/// (``LogOptions/writeBufferSize``) and on ``flush()``, ``sync()`` and ``close()``; only ``sync()``
/// makes them durable. The writer holds the log's `LOCK` while open, so a second writer fails with
/// ``LogError/locked(path:pid:)``. It is not `Sendable`: keep it inside one actor or thread.
public final class SegmentedLog {
    /// The log directory.
    public let directory: String
    /// The options the log was opened with.
    public let options: LogOptions

    private let segments: SegmentDirectory
    private let lockFile: LogLock
    private let files: SegmentFileCache
    private let buffer: WriteBuffer
    /// Sealed segments that can be read (header and place checked at open), ascending.
    private var sealed: [(baseOffset: UInt64, size: UInt64)]
    /// The segment being appended to, open for reading and writing.
    private var current: FileDescriptor
    private var currentBase: UInt64
    /// Bytes of the current segment file that are written (buffered records not included).
    private var writtenSize: UInt64
    private var durableEnd: UInt64
    /// The fdatasyncs of segments ``sync()`` made since the log was opened.
    public private(set) var syncCount = 0
    private var isClosed = false

    init(
        directory: String,
        options: LogOptions,
        lockFile: LogLock,
        sealed: [(baseOffset: UInt64, size: UInt64)],
        current: FileDescriptor,
        currentBase: UInt64,
        currentSize: UInt64
    ) {
        self.directory = directory
        self.options = options
        self.segments = SegmentDirectory(path: directory)
        self.lockFile = lockFile
        self.files = SegmentFileCache(directory: segments)
        self.buffer = WriteBuffer(threshold: options.writeBufferSize)
        self.sealed = sealed
        self.current = current
        self.currentBase = currentBase
        self.writtenSize = currentSize
        self.durableEnd = currentBase + currentSize
    }

    deinit {
        if !isClosed {
            try? flush()
            releaseFiles()
        }
    }

    /// The log offset where the next record will go (buffered records included).
    public var endOffset: LogOffset {
        LogOffset(currentBase + writtenSize + UInt64(buffer.count))
    }

    /// The log offset up to which records are durable (fsynced); records before it survive a crash.
    public var durableEndOffset: LogOffset {
        LogOffset(durableEnd)
    }

    /// Appends one record holding `payload` (1 to ``RecordFormat/maxPayloadSize`` bytes) and returns
    /// its log offset.
    ///
    /// The record is buffered: it is readable at once with ``read(at:)``, visible to other readers
    /// after ``flush()``, and durable after ``sync()``. A record that would take the current segment
    /// past ``LogOptions/segmentSize`` starts a new segment. When this throws, the record was not
    /// appended.
    public func append(_ payload: some Collection<UInt8>) throws(LogError) -> LogOffset {
        guard !isClosed else { throw LogError.closed }
        let count = payload.count
        guard count > 0 else { throw LogError.emptyPayload }
        guard count <= RecordFormat.maxPayloadSize else {
            throw LogError.payloadTooLarge(size: count)
        }
        let appended = payload.withContiguousStorageIfAvailable { elements in
            Result { () throws(LogError) in try appendRecord(UnsafeRawBufferPointer(elements)) }
        }
        if let appended { return try appended.get() }
        let copy = Array(payload)
        return try copy.withUnsafeBytes { bytes in
            Result { () throws(LogError) in try appendRecord(bytes) }
        }.get()
    }

    private func appendRecord(_ payload: UnsafeRawBufferPointer) throws(LogError) -> LogOffset {
        let recordSize = RecordFormat.headerSize + payload.count
        let segmentSize = writtenSize + UInt64(buffer.count)
        if segmentSize > UInt64(SegmentFormat.headerSize)
            && segmentSize + UInt64(recordSize) > options.segmentSize
        {
            try startNewSegment()
        }
        if !buffer.hasRoom(for: recordSize) {
            try flush()
        }
        let offset = endOffset
        buffer.appendRecord(payload: payload)
        return offset
    }

    /// Writes buffered records to the segment file (one `pwrite`), so that readers in other
    /// processes see them. Does not make them durable: see ``sync()``.
    public func flush() throws(LogError) {
        guard !isClosed else { throw LogError.closed }
        guard buffer.count > 0 else { return }
        do {
            try current.writeAll(buffer.bytes, at: writtenSize)
        } catch {
            // Leave no partial record behind; the records stay buffered for a later attempt.
            try? current.truncate(to: writtenSize)
            throw error.log("pwrite", segments.segmentPath(baseOffset: currentBase))
        }
        writtenSize += UInt64(buffer.count)
        buffer.removeAll()
    }

    /// Writes buffered records and makes every record appended so far durable (`fdatasync`).
    ///
    /// Group commit: append many records, then sync once. Does nothing when everything is durable.
    public func sync() throws(LogError) {
        try flush()
        guard durableEnd < endOffset.rawValue else { return }
        do {
            try current.dataSync()
        } catch {
            throw error.log("fdatasync", segments.segmentPath(baseOffset: currentBase))
        }
        syncCount += 1
        durableEnd = endOffset.rawValue
    }

    /// The payload of the record at `offset`, after checking its checksum. Works for buffered
    /// (appended but not yet written) records too.
    ///
    /// Throws ``LogError/corruptRecord(offset:)`` when no sound record starts at `offset` and
    /// ``LogError/noRecord(offset:)`` when `offset` is outside the readable log.
    public func read(at offset: LogOffset) throws(LogError) -> [UInt8] {
        guard !isClosed else { throw LogError.closed }
        let raw = offset.rawValue
        guard raw < endOffset.rawValue else { throw LogError.noRecord(offset: offset) }
        if raw >= currentBase {
            let position = raw - currentBase
            if position >= writtenSize {
                let start = Int(position - writtenSize)
                guard let size = RecordFormat.soundRecordSize(in: buffer.bytes, at: start) else {
                    throw LogError.corruptRecord(offset: offset)
                }
                return Array(buffer.bytes[(start + RecordFormat.headerSize)..<(start + size)])
            }
            return try files.readRecord(baseOffset: currentBase, position: position)
        }
        guard
            let index = SegmentDirectory.indexOfSegment(
                containing: raw, in: sealed.map(\.baseOffset))
        else {
            throw LogError.noRecord(offset: offset)
        }
        let segment = sealed[index]
        guard raw - segment.baseOffset < segment.size else {
            throw LogError.noRecord(offset: offset)
        }
        return try files.readRecord(
            baseOffset: segment.baseOffset, position: raw - segment.baseOffset)
    }

    /// Syncs every appended record, closes the files and releases the lock. Further calls throw
    /// ``LogError/closed``; closing twice does nothing.
    ///
    /// Files are closed and the lock released even when the final sync fails (the error is thrown).
    public func close() throws(LogError) {
        guard !isClosed else { return }
        var failure: LogError?
        do {
            try sync()
        } catch {
            failure = error
        }
        releaseFiles()
        isClosed = true
        if let failure { throw failure }
    }

    private func releaseFiles() {
        files.closeAll()
        try? current.close()
        lockFile.release()
    }

    /// Seals the current segment (written and fdatasynced) and starts the next one, whose base
    /// offset is the current base offset plus the current file size.
    private func startNewSegment() throws(LogError) {
        try flush()
        let path = segments.segmentPath(baseOffset: currentBase)
        do {
            try current.dataSync()
        } catch {
            throw error.log("fdatasync", path)
        }
        let newBase = currentBase + writtenSize
        let newFile = try segments.createSegment(baseOffset: newBase)
        try? current.close()
        sealed.append((currentBase, writtenSize))
        current = newFile
        currentBase = newBase
        writtenSize = UInt64(SegmentFormat.headerSize)
        durableEnd = newBase + writtenSize
    }
}
