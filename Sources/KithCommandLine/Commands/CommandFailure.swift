/// An error a command throws to stop with its own message and exit status.
///
/// Any other error also stops the command (status 1, its description printed); use this one for
/// failures that have no error type of their own, or for a status other than 1.
public struct CommandFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// The message printed after `<tool>: `; empty prints nothing.
    public let message: String
    /// The exit status.
    public let status: ExitCode

    /// A failure with `message` and exit status 1 unless told otherwise.
    public init(_ message: String, status: ExitCode = .failure) {
        self.message = message
        self.status = status
    }

    /// The message.
    public var description: String { message }
}
