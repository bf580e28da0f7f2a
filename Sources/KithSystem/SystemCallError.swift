/// A system call that failed: which call (and, where it helps, on what), and the ``Errno`` it set.
///
/// The description names the call and the error: `connect: ECONNREFUSED (connection refused)`,
/// `mkdir '/home/x/.kith': EACCES (permission denied)`.
public struct SystemCallError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The C function that failed, such as `"bind"`, with its subject when that helps a reader.
    public let call: String
    /// The error the call reported.
    public let code: Errno

    /// The failure of `call` with `code`.
    public init(_ call: String, code: Errno) {
        self.call = call
        self.code = code
    }

    /// The failure of `call` with the calling thread's `errno` right now: read it immediately
    /// after the failing call.
    package static func current(_ call: String) -> SystemCallError {
        SystemCallError(call, code: .current)
    }

    /// Whether the call would have blocked (`EAGAIN` / `EWOULDBLOCK`, one value on Linux and
    /// Darwin).
    public var wouldBlock: Bool { code == .wouldBlock }

    /// `call: NAME (explanation)`.
    public var description: String { "\(call): \(code)" }
}
