import KithStorage

/// Something `verify` reports about the log, at a log offset.
struct VerifyFinding: Sendable, Hashable {
    /// How serious a finding is.
    enum Severity: Sendable, Hashable {
        /// The log is not sound: damage, a bad signature, a missing entry, a record no writer
        /// would write. Always makes the exit status 1.
        case problem
        /// Evidence that an author reused a key (entries.md, "Forks"): not damage of the log.
        /// Makes the exit status 1 only with `--strict`.
        case fork
        /// Worth knowing but not damage: a partial record at the end, which a running writer may
        /// be completing. Makes the exit status 1 only with `--strict`.
        case warning
    }

    /// Where in the log.
    var offset: LogOffset
    /// How serious.
    var severity: Severity
    /// What was found, in a sentence (without the offset).
    var message: String

    /// The finding as a line of the report: `log offset 1234: FORK: ...`.
    var line: String {
        let label =
            switch severity {
            case .problem: "PROBLEM"
            case .fork: "FORK"
            case .warning: "warning"
            }
        return "log offset \(offset): \(label): \(message)"
    }
}
