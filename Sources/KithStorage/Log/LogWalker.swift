import KithSystem

/// Walks the records of a whole log, segment after segment, for readers (``LogReader`` and
/// ``LogCursor``). Takes no lock and never changes a file.
///
/// When it reaches the end of the last segment it reports ``Step/caughtUp(partialTail:)``; the next
/// ``step()`` looks again (for a grown file or a new segment), so the same walker can follow a log
/// that a writer in another process is appending to.
final class LogWalker {
    /// One result of ``step()``.
    enum Step {
        /// A sound record; the payload is valid until the next step.
        case record(offset: LogOffset, payload: UnsafeRawBufferPointer)
        /// A corrupt region (reading continues after it).
        case corrupt(CorruptRegion)
        /// A segment skipped as a whole.
        case damaged(DamagedSegment)
        /// Every record written so far has been seen. `partialTail` holds bytes after the last sound
        /// record of the last segment: a record still being written, or a torn tail a writer has
        /// not cut yet. They are not reported as corruption.
        case caughtUp(partialTail: TornTail?)
    }

    private let directory: SegmentDirectory
    private let windowSize: Int
    /// Base offsets of the segment files, as last listed.
    private var bases: [UInt64] = []
    /// Index in `bases` of the next segment to open when `current` is nil.
    private var nextIndex = 0
    /// The position to start at inside the next segment opened (for the first one only).
    private var startOffset: UInt64
    private var chain: SegmentChain
    private var current:
        (scanner: SegmentScanner<FileDescriptor>, baseOffset: UInt64, isLast: Bool)?
    /// Set after ``Step/caughtUp(partialTail:)``: look for new data before stepping again.
    private var lookAgain = false
    /// A step found while opening a segment, returned before its records.
    private var queued: Step?

    /// A walker of the log in `directory` that starts at the record at `offset` (or the first record
    /// after it when `offset` falls in a segment header or between segments).
    init(directory: SegmentDirectory, from offset: LogOffset, windowSize: Int = 1 << 20)
        throws(LogError)
    {
        self.directory = directory
        self.windowSize = windowSize
        self.startOffset = offset.rawValue
        self.chain = SegmentChain(expectedBase: 0)
        bases = try directory.listBaseOffsets()
        if let index = SegmentDirectory.indexOfSegment(containing: offset.rawValue, in: bases),
            index > 0
        {
            nextIndex = index
            let previous = bases[index - 1]
            let previousSize = try? FileSystem.fileSize(directory.segmentPath(baseOffset: previous))
            chain = SegmentChain(expectedBase: previousSize.map { previous + $0 })
        }
    }

    deinit {
        if let current { try? current.scanner.source.close() }
    }

    /// The log offset where the walk stands: the next record to examine, or the start of a partial
    /// tail. Scanning again from here continues where this walk left off.
    var position: LogOffset {
        if let current { return LogOffset(current.baseOffset + current.scanner.position) }
        if nextIndex < bases.count {
            return LogOffset(max(startOffset, bases[nextIndex] + UInt64(SegmentFormat.headerSize)))
        }
        return LogOffset(startOffset)
    }

    /// Moves to the next record, corrupt region or damaged segment, or reports that the walk has
    /// caught up with the writer.
    func step() throws(LogError) -> Step {
        if let queued {
            self.queued = nil
            return queued
        }
        if lookAgain {
            lookAgain = false
            try refresh()
        }
        while true {
            guard let current else {
                if let opened = try openNextSegment() { return opened }
                if current == nil {
                    lookAgain = true
                    return .caughtUp(partialTail: nil)
                }
                continue
            }
            switch try current.scanner.step() {
            case .record(let position, let payload):
                return .record(offset: LogOffset(current.baseOffset + position), payload: payload)
            case .corrupt(let start, let end):
                return .corrupt(
                    CorruptRegion(offset: LogOffset(current.baseOffset + start), size: end - start))
            case .end(let tornFrom):
                if current.isLast {
                    lookAgain = true
                    let tail = tornFrom.map {
                        TornTail(
                            offset: LogOffset(current.baseOffset + $0),
                            size: current.scanner.fileEnd - $0)
                    }
                    return .caughtUp(partialTail: tail)
                }
                closeCurrent()
                chain.segmentEnded(base: current.baseOffset, fileSize: current.scanner.fileEnd)
                if let tornFrom {
                    return .corrupt(
                        CorruptRegion(
                            offset: LogOffset(current.baseOffset + tornFrom),
                            size: current.scanner.fileEnd - tornFrom,
                            kind: .tornTailOfSealedSegment
                        )
                    )
                }
            }
        }
    }

    /// After catching up: lists the directory again, then re-reads the current segment's size, so a
    /// segment that is no longer the last one is read to its final end.
    private func refresh() throws(LogError) {
        let listed = try directory.listBaseOffsets()
        let lastKnown = current?.baseOffset ?? bases.last
        bases = listed
        if let lastKnown {
            nextIndex =
                (SegmentDirectory.indexOfSegment(containing: lastKnown, in: bases) ?? -1) + 1
        } else {
            nextIndex = 0
        }
        guard let open = current else { return }
        let isLast = !bases.contains { $0 > open.baseOffset }
        let size: UInt64
        do {
            size = try open.scanner.source.size()
        } catch {
            throw error.log("fstat", open.scanner.path)
        }
        open.scanner.restart(at: open.scanner.position, fileEnd: size)
        current = (open.scanner, open.baseOffset, isLast)
    }

    /// Opens the segment at `nextIndex`, if any. Returns a step to report (a damaged segment or
    /// missing data before it), or nil; `current` is set when the segment is readable.
    private func openNextSegment() throws(LogError) -> Step? {
        guard nextIndex < bases.count else { return nil }
        let base = bases[nextIndex]
        nextIndex += 1
        let segment = try directory.openSegment(baseOffset: base)
        switch chain.admit(base: base, fileSize: segment.size, headerProblem: segment.headerProblem)
        {
        case .reject(let reason):
            try? segment.file.close()
            return .damaged(
                DamagedSegment(
                    path: segment.path, baseOffset: LogOffset(base), fileSize: segment.size,
                    reason: reason))
        case .accept(let missing):
            let header = UInt64(SegmentFormat.headerSize)
            let start = startOffset > base ? max(startOffset - base, header) : header
            let scanner = SegmentScanner(
                source: segment.file, path: segment.path, position: start, fileEnd: segment.size,
                windowSize: windowSize)
            current = (scanner, base, nextIndex == bases.count)
            if let missing, missing.endOffset.rawValue > startOffset {
                return .corrupt(missing)
            }
            return nil
        }
    }

    private func closeCurrent() {
        if let current { try? current.scanner.source.close() }
        current = nil
    }
}
