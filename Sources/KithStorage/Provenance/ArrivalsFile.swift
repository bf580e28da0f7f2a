import Glibc
import KithSystem

/// The arrivals file, `<home>/index/arrivals.karv` (log.md, "The arrivals file"): for each entry
/// appended to the log, when it arrived and from where.
///
/// Unlike the rest of the index it cannot be derived from the log, so a rebuild of the index
/// keeps it. It is never authoritative: writing it is best effort, and a failure stops the
/// recording (the node carries on) instead of failing an append. Records are buffered, written
/// when the store syncs, after the log, and made durable at least once a second.
public final class ArrivalsFile {
    /// The file's name inside the index directory.
    public static let fileName = "arrivals.karv"

    /// The file's path.
    public let path: String
    private var descriptor: FileDescriptor?
    private var end: UInt64 = 0
    private var pending: [UInt8] = []
    /// Whether records were written since the last fdatasync.
    private var isDirty = false

    /// Opens the file at `path`, creating it with its magic when it is missing or its magic is
    /// wrong, and cutting a torn last record. When it cannot be opened nothing is recorded.
    public init(path: String) {
        self.path = path
        do throws(Errno) {
            let file = try FileDescriptor.open(
                path, .readWrite, options: .create, permissions: 0o600)
            descriptor = file
            let size = try file.size()
            let magic = ArrivalRecord.magic
            let start = size < UInt64(magic.count) ? [] : try file.read(count: magic.count, at: 0)
            if start != magic {
                try file.truncate(to: 0)
                try file.writeAll(magic, at: 0)
                end = UInt64(magic.count)
            } else {
                let whole = (size - UInt64(magic.count)) / UInt64(ArrivalRecord.size)
                end = UInt64(magic.count) + whole * UInt64(ArrivalRecord.size)
                if end != size { try file.truncate(to: end) }
            }
        } catch {
            stopRecording()
        }
    }

    deinit { close() }

    /// Whether arrivals are being recorded (false after the file could not be written).
    public var isRecording: Bool { descriptor != nil }

    /// Buffers a record; it is written by the next ``write()`` or ``sync()``.
    public func record(_ record: ArrivalRecord) {
        guard descriptor != nil else { return }
        pending += record.encoded()
    }

    /// Writes the buffered records to the file (not yet durable): the store does this after each
    /// sync of the log.
    public func write() {
        guard let descriptor, !pending.isEmpty else { return }
        do throws(Errno) {
            try descriptor.writeAll(pending, at: end)
            end += UInt64(pending.count)
            pending.removeAll(keepingCapacity: true)
            isDirty = true
        } catch {
            stopRecording()
        }
    }

    /// Writes the buffered records and makes them durable (fdatasync): at least once a second
    /// while a node runs, and on close, not on every commit of the log.
    public func sync() {
        write()
        guard let descriptor, isDirty else { return }
        do throws(Errno) {
            try descriptor.dataSync()
            isDirty = false
        } catch {
            stopRecording()
        }
    }

    /// Syncs and closes the file.
    public func close() {
        sync()
        try? descriptor?.close()
        descriptor = nil
    }

    private func stopRecording() {
        try? descriptor?.close()
        descriptor = nil
        pending = []
    }

    /// The sound records of the file at `path`, in file order; empty when the file is missing or
    /// its magic is wrong. A record's log offset must still be checked against the log: readers
    /// ignore a record whose id prefix is not that of the entry at its offset.
    public static func read(path: String) -> [ArrivalRecord] {
        guard let bytes = readSmallFile(path, limit: 1 << 40),
            bytes.count >= ArrivalRecord.magic.count,
            Array(bytes.prefix(ArrivalRecord.magic.count)) == ArrivalRecord.magic
        else { return [] }
        return stride(
            from: ArrivalRecord.magic.count, to: bytes.count - ArrivalRecord.size + 1,
            by: ArrivalRecord.size
        ).compactMap { ArrivalRecord(decoding: bytes[$0..<$0 + ArrivalRecord.size]) }
    }

    /// Replaces the file at `path` with `records`, atomically (a temporary file, fsync, rename).
    public static func write(_ records: [ArrivalRecord], to path: String) throws(IndexError) {
        try writeFileAtomically(path, ArrivalRecord.magic + records.flatMap { $0.encoded() })
    }
}
