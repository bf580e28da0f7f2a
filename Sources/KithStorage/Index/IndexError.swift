import KithSystem

/// Why the derived index could not be used or written.
///
/// An index is never authoritative: most of these lead to a rebuild from the log rather than to a
/// failure the user sees.
public enum IndexError: Error, CustomStringConvertible, Sendable {
    /// A system call (the first string) on a path (the second) failed.
    case io(String, String, Errno)
    /// An index file exists but is not in the expected format.
    case damaged(String, reason: String)

    public var description: String {
        switch self {
        case .io(let operation, let path, let code):
            return "\(operation) failed on \(path): \(code)"
        case .damaged(let path, let reason):
            return "index file \(path) is damaged: \(reason)"
        }
    }
}
