/// The outcome of a command that ran to completion.
struct LabCommandResult: Sendable, Equatable {
    /// The command line, for messages.
    var command: [String]
    /// The exit status, or the signal number when `wasSignaled`.
    var status: Int32
    /// True when a signal ended the command.
    var wasSignaled: Bool
    /// Everything the command wrote to standard output.
    var standardOutput: String
    /// Everything the command wrote to standard error.
    var standardError: String

    /// True when the command exited with status 0.
    var succeeded: Bool { !wasSignaled && status == 0 }

    /// Returns standard output when the command succeeded, or throws `LabError.commandFailed`.
    func checkedOutput() throws(LabError) -> String {
        guard succeeded else {
            throw .commandFailed(
                command: command,
                status: status,
                standardOutput: standardOutput,
                standardError: standardError
            )
        }
        return standardOutput
    }
}
