import KithStorage

/// Why a `kith-log` command failed (exit status 1).
enum KithLogError: Error, Sendable, CustomStringConvertible {
    /// There is no log directory at this path.
    case noLog(String)
    /// Reading the log failed.
    case log(LogError)
    /// No entry has an id starting with these hex digits.
    case entryNotFound(String)
    /// No record starts at this log offset (and the value is no id prefix).
    case noRecord(UInt64)
    /// Several entries have ids starting with these hex digits.
    case ambiguousPrefix(String, matches: [String])

    /// What went wrong, in a sentence.
    var description: String {
        switch self {
        case .noLog(let path):
            "no log at '\(path)': the directory does not exist (use --home DIR or --log PATH)"
        case .log(let error):
            "cannot read the log: \(error)"
        case .entryNotFound(let prefix):
            "no entry in the log has an id starting with \(prefix)"
        case .noRecord(let offset):
            "no record of the log starts at log offset \(offset) (dump's first column lists them)"
        case .ambiguousPrefix(let prefix, let matches):
            "\(matches.count) entries have ids starting with \(prefix); give more digits:\n"
                + matches.map { "  " + $0 }.joined(separator: "\n")
        }
    }
}
