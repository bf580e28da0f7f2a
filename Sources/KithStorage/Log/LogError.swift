import Glibc
import KithSystem

/// Why a log operation failed.
public enum LogError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Another writer holds the log's `LOCK` file; `pid` is the process id it wrote there, if readable.
    /// Nothing was written.
    case locked(path: String, pid: Int32?)
    /// A system call failed: `operation` names it (`"open"`, `"fdatasync"`, ...), `path` the file.
    case io(operation: String, path: String, errno: Errno)
    /// The last segment file is damaged in a way that leaves no place for a new segment after it; a
    /// person has to move it out of the log directory.
    case badSegmentHeader(path: String, reason: String)
    /// The payload is empty; a record holds 1 to ``RecordFormat/maxPayloadSize`` bytes.
    case emptyPayload
    /// The payload is larger than ``RecordFormat/maxPayloadSize`` bytes.
    case payloadTooLarge(size: Int)
    /// No sound record starts at this log offset (damaged bytes, or not the start of a record).
    case corruptRecord(offset: LogOffset)
    /// No complete record is stored at this log offset: it is past the end of the log, inside a
    /// segment header, in a skipped segment, or in no segment file.
    case noRecord(offset: LogOffset)
    /// The writer has been closed.
    case closed
    /// The ``LogOptions`` cannot be used.
    case invalidOptions(String)

    /// A readable explanation.
    public var description: String {
        switch self {
        case .locked(let path, let pid):
            if pid == getpid() {
                "the log is already open for writing in this process (lock file \(path))"
            } else if let pid {
                "the log is already open for writing by process \(pid) (lock file \(path)); close that process first"
            } else {
                "the log is already open for writing by another process (lock file \(path)); close that process first"
            }
        case .io(let operation, let path, let errno):
            "\(operation) failed for \(path): \(errno)"
        case .badSegmentHeader(let path, let reason):
            "the last segment \(path) is damaged (\(reason)) and a new segment cannot be started after it; move it out of the log directory"
        case .emptyPayload:
            "a log record cannot be empty"
        case .payloadTooLarge(let size):
            "a log record holds at most \(RecordFormat.maxPayloadSize) bytes; this payload has \(size)"
        case .corruptRecord(let offset):
            "no sound record at log offset \(offset): the bytes are damaged or not the start of a record"
        case .noRecord(let offset):
            "no record is stored at log offset \(offset)"
        case .closed:
            "the log has been closed"
        case .invalidOptions(let problem):
            "invalid log options: \(problem)"
        }
    }
}

extension Errno {
    /// This error as a ``LogError/io(operation:path:errno:)``.
    func log(_ operation: String, _ path: String) -> LogError {
        .io(operation: operation, path: path, errno: self)
    }
}

/// The error of ``LogReader/forEachRecord(from:_:)``: either the log failed or the caller's body threw.
public enum LogScanError<BodyError: Error>: Error, CustomStringConvertible {
    /// Reading the log failed.
    case log(LogError)
    /// The body closure threw this error; the scan stopped.
    case body(BodyError)

    /// A readable explanation.
    public var description: String {
        switch self {
        case .log(let error): String(describing: error)
        case .body(let error): String(describing: error)
        }
    }
}

extension LogScanError: Sendable where BodyError: Sendable {}
