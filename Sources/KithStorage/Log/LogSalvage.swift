import Glibc
import KithSystem

/// Repairs a damaged log by copying every sound record into a fresh log, keeping the damaged one
/// beside it untouched (`kith-log salvage`).
///
/// The copy is made in `<home>/log.salvage`, synced, and then swapped in: the damaged log is
/// renamed to `<home>/log.damaged-SUFFIX` and the copy to `<home>/log`, and the home directory is
/// synced. The damaged log's writer lock is held throughout, so no node writes either log. A
/// crash before the renames leaves `log.salvage` beside an untouched `log`; a crash between them
/// leaves `log.salvage` and `log.damaged-SUFFIX` and no `log`: ``salvage(home:suffix:)`` refuses
/// to run while `log.salvage` exists, and says which directory holds what. The index is derived
/// and is removed, so the next opening of the store rebuilds it; the arrivals file, which cannot
/// be derived, is moved into the kept log's directory and written again with the new offsets.
public enum LogSalvage {
    /// What a salvage did.
    public struct Report: Sendable {
        /// Where the damaged log was kept.
        public var damagedLog: String
        /// Sound records copied.
        public var copiedRecords: Int
        /// Bytes of their payloads.
        public var copiedBytes: UInt64
        /// What the damaged log held besides sound records: corrupt regions, damaged segments
        /// and a partial record at its end (their log offsets are the damaged log's).
        public var lost: ScanSummary
        /// For each record copied, its log offset in the damaged log and in the new one.
        public var relocations: [(old: LogOffset, new: LogOffset)]
    }

    /// The directory the copy is made in.
    public static func workDirectory(home: String) -> String { home + "/log.salvage" }

    /// Copies the sound records of `<home>/log` into a fresh log that takes its place; the damaged
    /// log is kept as `<home>/log.damaged-<suffix>`.
    public static func salvage(home: String, suffix: String) throws(LogError) -> Report {
        let logDirectory = home + "/log"
        let work = workDirectory(home: home)
        let kept = home + "/log.damaged-" + suffix
        for path in [work, kept] where FileSystem.isDirectory(path) {
            throw LogError.io(operation: "salvage into", path: path, errno: Errno(rawValue: EEXIST))
        }
        let lock = try LogLock.acquire(directory: logDirectory)
        defer { lock.release() }
        let reader = try LogReader(directory: logDirectory)
        let (copy, _) = try SegmentedLog.open(directory: work)
        var relocations: [(old: LogOffset, new: LogOffset)] = []
        var copiedBytes: UInt64 = 0
        let summary: ScanSummary
        do {
            summary = try reader.forEachRecord(from: .zero) {
                (offset, payload) throws(LogError) -> ScanControl in
                relocations.append((offset, try copy.append(payload)))
                copiedBytes += UInt64(payload.count)
                return .continue
            }
            try copy.sync()
            try copy.close()
        } catch {
            try? copy.close()
            switch error {
            case let error as LogScanError<LogError>:
                switch error {
                case .log(let error), .body(let error): throw error
                }
            case let error as LogError: throw error
            default: throw LogError.closed
            }
        }
        do throws(Errno) {
            try FileSystem.rename(logDirectory, to: kept)
            try FileSystem.rename(work, to: logDirectory)
            try FileSystem.syncDirectory(home)
        } catch {
            throw LogError.io(operation: "rename", path: logDirectory, errno: error)
        }
        let index = home + "/index"
        for name in ["entries.kidx", "ids.kidx", "heads.kidx"] {
            try? FileSystem.removeFile(index + "/" + name)
        }
        keepArrivals(index: index, kept: kept, relocations: relocations)
        return Report(
            damagedLog: kept, copiedRecords: relocations.count, copiedBytes: copiedBytes,
            lost: summary, relocations: relocations)
    }

    /// Moves the arrivals file beside the damaged log and writes its records again, at the copied
    /// records' new log offsets (records of lost entries are dropped). Best effort, as the file is.
    private static func keepArrivals(
        index: String, kept: String, relocations: [(old: LogOffset, new: LogOffset)]
    ) {
        let path = index + "/" + ArrivalsFile.fileName
        let records = ArrivalsFile.read(path: path)
        guard !records.isEmpty else { return }
        var newOffsets: [UInt64: UInt64] = [:]
        for relocation in relocations {
            newOffsets[relocation.old.rawValue] = relocation.new.rawValue
        }
        let moved = records.compactMap { record -> ArrivalRecord? in
            guard let offset = newOffsets[record.logOffset] else { return nil }
            var copy = record
            copy.logOffset = offset
            return copy
        }
        guard (try? FileSystem.rename(path, to: kept + "/" + ArrivalsFile.fileName)) != nil else {
            return
        }
        try? ArrivalsFile.write(moved, to: path)
    }
}
