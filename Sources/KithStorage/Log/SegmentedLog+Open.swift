import KithSystem

extension SegmentedLog {
    /// Opens the log in `directory` for writing, recovering from a crash, and reports what it found.
    ///
    /// - Creates the directory (and missing parents, mode 0700) and the first segment if needed.
    /// - Takes the exclusive lock on `LOCK` (mode 0600) and writes this process's id there; if
    ///   another writer holds it, throws ``LogError/locked(path:pid:)`` and writes nothing.
    /// - Checks every segment's header and place in the sequence; damaged segments are reported
    ///   and skipped, never deleted. If the last segment is damaged, a new one is started after it.
    /// - Scans the last segment record by record and cuts a torn tail (truncate, then fsync). Corrupt
    ///   regions are reported, not cut. Sealed segments are not scanned, for speed.
    ///
    /// - Parameters:
    ///   - directory: the log directory, `<home>/log`.
    ///   - options: segment size and write buffer size.
    ///   - trustedEnd: the log offset up to which a derived index has already validated the log,
    ///     usually the end offset the index recorded. The scan of the last segment starts there
    ///     instead of at the segment's first record. If no record starts there (and it is not the
    ///     segment's end), the whole last segment is scanned, so that a wrong trusted end can never
    ///     cut a good record; ``RecoveryReport/trustedEndRejected`` is then set unless that scan
    ///     shows the trusted end is a record boundary (a torn tail that starts exactly there). It is
    ///     also set when the trusted end lies past the end of the log. Nil scans the whole last
    ///     segment.
    public static func open(
        directory: String,
        options: LogOptions = LogOptions(),
        trustedEnd: LogOffset? = nil
    ) throws(LogError) -> (SegmentedLog, RecoveryReport) {
        try open(directory: directory, options: options) { trustedEnd }
    }

    /// Opens the log as ``open(directory:options:trustedEnd:)`` does, asking for the trusted end
    /// only once the log's lock is held: what gives it (an index beside the log) may be read only
    /// by the lock's holder, since another process holding the lock may be writing it.
    public static func open(
        directory: String,
        options: LogOptions = LogOptions(),
        trustedEndOnceLocked trustedEnd: () -> LogOffset?
    ) throws(LogError) -> (SegmentedLog, RecoveryReport) {
        if let problem = options.problem { throw LogError.invalidOptions(problem) }
        try makeDirectory(directory)
        let lockFile = try LogLock.acquire(directory: directory)
        do {
            return try recover(
                directory: directory, options: options, trustedEnd: trustedEnd(),
                lockFile: lockFile)
        } catch {
            lockFile.release()
            throw error
        }
    }

    /// Creates the log directory and its missing parents, and makes their names durable.
    private static func makeDirectory(_ directory: String) throws(LogError) {
        let created: [String]
        do {
            created = try FileSystem.makeDirectories(directory, permissions: 0o700)
        } catch {
            throw error.log("mkdir", directory)
        }
        for path in created {
            let parent = FileSystem.parentDirectory(of: path)
            do {
                try FileSystem.syncDirectory(parent)
            } catch {
                throw error.log("fsync", parent)
            }
        }
    }

    private static func recover(
        directory: String,
        options: LogOptions,
        trustedEnd: LogOffset?,
        lockFile: LogLock
    ) throws(LogError) -> (SegmentedLog, RecoveryReport) {
        let segments = SegmentDirectory(path: directory)
        var report = RecoveryReport(endOffset: .zero)
        report.removedTemporaryFiles = try removeTemporaryFiles(segments)

        // Check every segment's header and place; keep the last one open if it is readable.
        let bases = try segments.listBaseOffsets()
        var chain = SegmentChain(expectedBase: 0)
        var readable: [(baseOffset: UInt64, size: UInt64)] = []
        var last: SegmentDirectory.OpenedSegment?
        for (index, base) in bases.enumerated() {
            let isLast = index == bases.count - 1
            let segment = try segments.openSegment(
                baseOffset: base, mode: isLast ? .readWrite : .readOnly)
            let verdict = chain.admit(
                base: base, fileSize: segment.size, headerProblem: segment.headerProblem)
            switch verdict {
            case .reject(let reason):
                report.damagedSegments.append(
                    DamagedSegment(
                        path: segment.path, baseOffset: LogOffset(base), fileSize: segment.size,
                        reason: reason)
                )
                try? segment.file.close()
            case .accept(let missing):
                if let missing { report.corruptRegions.append(missing) }
                if isLast {
                    last = segment
                } else {
                    readable.append((base, segment.size))
                    try? segment.file.close()
                }
            }
        }

        let current: FileDescriptor
        let currentBase: UInt64
        let currentSize: UInt64
        if let last {
            current = last.file
            currentBase = last.baseOffset
            do {
                currentSize = try scanLastSegment(last, trustedEnd: trustedEnd, report: &report)
            } catch {
                try? last.file.close()
                throw error
            }
        } else {
            // A new log, or the last segment is damaged: start a segment after everything there is.
            let newBase = chain.expectedBase ?? 0
            if bases.contains(newBase) {
                let path = segments.segmentPath(baseOffset: newBase)
                let reason =
                    report.damagedSegments.last.map { String(describing: $0.reason) } ?? "unusable"
                throw LogError.badSegmentHeader(path: path, reason: reason)
            }
            current = try segments.createSegment(baseOffset: newBase)
            currentBase = newBase
            currentSize = UInt64(SegmentFormat.headerSize)
            report.createdSegment = LogOffset(newBase)
            report.scannedFrom = LogOffset(newBase + currentSize)
        }
        report.endOffset = LogOffset(currentBase + currentSize)
        let log = SegmentedLog(
            directory: directory,
            options: options,
            lockFile: lockFile,
            sealed: readable,
            current: current,
            currentBase: currentBase,
            currentSize: currentSize
        )
        return (log, report)
    }

    /// Removes `*.kseg.tmp` files left by a crash while a segment was being created.
    private static func removeTemporaryFiles(_ segments: SegmentDirectory) throws(LogError)
        -> [String]
    {
        let names = try segments.listTemporaryFiles()
        for name in names {
            let path = segments.path + "/" + name
            do {
                try FileSystem.removeFile(path)
            } catch {
                throw error.log("unlink", path)
            }
        }
        if !names.isEmpty {
            do {
                try FileSystem.syncDirectory(segments.path)
            } catch {
                throw error.log("fsync", segments.path)
            }
        }
        return names
    }

    /// Scans the last segment, reports what it finds, cuts a torn tail, makes the file durable, and
    /// returns the segment's size after recovery.
    private static func scanLastSegment(
        _ segment: SegmentDirectory.OpenedSegment,
        trustedEnd: LogOffset?,
        report: inout RecoveryReport
    ) throws(LogError) -> UInt64 {
        let base = segment.baseOffset
        let scan = try LastSegmentScan.scan(
            segment.file, path: segment.path, baseOffset: base, size: segment.size,
            trustedEnd: trustedEnd)
        if scan.trustedEndRejected { report.trustedEndRejected = true }
        report.scannedFrom = LogOffset(base + scan.scannedFrom)
        report.recordsScanned = scan.recordCount
        report.corruptRegions += scan.corruptRegions
        let tornFrom = scan.tornFrom

        var size = scan.fileEnd
        do {
            if let tornFrom {
                try segment.file.truncate(to: tornFrom)
                try segment.file.sync()
                report.tornTailCut = TornTail(
                    offset: LogOffset(base + tornFrom), size: size - tornFrom)
                size = tornFrom
            } else {
                // Records a crashed writer left in the page cache become durable now.
                try segment.file.dataSync()
            }
        } catch {
            throw error.log(tornFrom == nil ? "fdatasync" : "truncate torn tail of", segment.path)
        }
        return size
    }
}
