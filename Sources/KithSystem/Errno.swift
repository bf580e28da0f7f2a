#if canImport(Glibc)
    @preconcurrency import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An error number reported by a failed system call, with a readable name.
///
/// `Errno` wraps the C `errno` value. Its description names the constant and explains it, for
/// example `ENOSPC (no space left on device)`.
public struct Errno: Error, RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The C `errno` value.
    public let rawValue: Int32

    /// Wraps a C `errno` value.
    public init(rawValue: Int32) {
        self.rawValue = rawValue
    }

    /// The value of the calling thread's `errno` right now. Read it immediately after the failing
    /// call.
    package static var current: Errno { Errno(rawValue: errno) }

    /// The symbolic name of the error (`"ENOENT"`), or `"errno N"` for values without a known name.
    public var name: String {
        Errno.names[rawValue]?.name ?? "errno \(rawValue)"
    }

    /// A short explanation of the error, such as `"no such file or directory"`.
    public var explanation: String {
        Errno.names[rawValue]?.explanation ?? "unknown error"
    }

    /// The name and the explanation, such as `ENOENT (no such file or directory)`.
    public var description: String {
        "\(name) (\(explanation))"
    }
}
