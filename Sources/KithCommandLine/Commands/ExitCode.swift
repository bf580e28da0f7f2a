/// A process exit status.
public struct ExitCode: RawRepresentable, Sendable, Equatable, Hashable {
    /// The number the process exits with.
    public let rawValue: Int32

    /// A status with this number.
    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// 0: the command did what was asked.
    public static let success = ExitCode(rawValue: 0)
    /// 1: the command was invoked correctly but failed.
    public static let failure = ExitCode(rawValue: 1)
    /// 2: the command line was wrong (unknown option, bad value, missing argument).
    public static let usageError = ExitCode(rawValue: 2)
    /// 3: what was posted is stored on this machine, but no peer was reached in time to hold it.
    public static let notDelivered = ExitCode(rawValue: 3)
}
