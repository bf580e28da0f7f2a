#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

/// A system call that failed: which call, and the `errno` it reported.
///
/// The description names the call and the error: `connect: ECONNREFUSED (connection refused)`.
public struct PosixError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The C function that failed, such as `"bind"`.
    public let call: String
    /// The C `errno` value.
    public let code: Int32

    /// The failure of `call` with `errno` `code`.
    public init(_ call: String, code: Int32) {
        self.call = call
        self.code = code
    }

    /// The failure of `call` with the calling thread's `errno` right now: read it immediately
    /// after the failing call.
    static func current(_ call: String) -> PosixError {
        PosixError(call, code: errno)
    }

    /// Whether the call would have blocked (`EAGAIN` / `EWOULDBLOCK`).
    public var wouldBlock: Bool { code == EAGAIN || code == EWOULDBLOCK }

    /// The symbolic name of the error (`"ECONNREFUSED"`), or `"errno N"`.
    public var name: String { Self.names[code] ?? "errno \(code)" }

    /// The C library's explanation of the error. The corresponding C function is `strerror`.
    public var explanation: String {
        guard let text = strerror(code) else { return "unknown error" }
        return String(cString: text).lowercased()
    }

    /// `call: NAME (explanation)`.
    public var description: String { "\(call): \(name) (\(explanation))" }

    private static let names: [Int32: String] = [
        EPERM: "EPERM", ENOENT: "ENOENT", EINTR: "EINTR", EIO: "EIO", EBADF: "EBADF",
        EAGAIN: "EAGAIN", ENOMEM: "ENOMEM", EACCES: "EACCES", EFAULT: "EFAULT", EBUSY: "EBUSY",
        EEXIST: "EEXIST", ENODEV: "ENODEV", ENOTDIR: "ENOTDIR", EINVAL: "EINVAL",
        ENFILE: "ENFILE", EMFILE: "EMFILE", ENOSPC: "ENOSPC", EPIPE: "EPIPE",
        ENAMETOOLONG: "ENAMETOOLONG", ENOSYS: "ENOSYS", ENOTSOCK: "ENOTSOCK",
        EDESTADDRREQ: "EDESTADDRREQ", EMSGSIZE: "EMSGSIZE", EPROTOTYPE: "EPROTOTYPE",
        ENOPROTOOPT: "ENOPROTOOPT", EPROTONOSUPPORT: "EPROTONOSUPPORT",
        EOPNOTSUPP: "EOPNOTSUPP", EAFNOSUPPORT: "EAFNOSUPPORT", EADDRINUSE: "EADDRINUSE",
        EADDRNOTAVAIL: "EADDRNOTAVAIL", ENETDOWN: "ENETDOWN", ENETUNREACH: "ENETUNREACH",
        ENETRESET: "ENETRESET", ECONNABORTED: "ECONNABORTED", ECONNRESET: "ECONNRESET",
        ENOBUFS: "ENOBUFS", EISCONN: "EISCONN", ENOTCONN: "ENOTCONN", ETIMEDOUT: "ETIMEDOUT",
        ECONNREFUSED: "ECONNREFUSED", EHOSTDOWN: "EHOSTDOWN", EHOSTUNREACH: "EHOSTUNREACH",
        EALREADY: "EALREADY", EINPROGRESS: "EINPROGRESS",
    ]
}
