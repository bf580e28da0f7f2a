import Glibc

/// An error number reported by a failed system call, with a readable name.
///
/// `Errno` wraps the C `errno` value. Its description names the constant and explains it, for example
/// `ENOSPC (no space left on device)`.
public struct Errno: Error, RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The C `errno` value.
    public let rawValue: Int32

    /// Wraps a C `errno` value.
    public init(rawValue: Int32) {
        self.rawValue = rawValue
    }

    /// The value of the thread's `errno` right now. Read it immediately after the failing call.
    static var current: Errno { Errno(rawValue: Glibc.errno) }

    /// `EPERM`: the operation is not permitted.
    public static let notPermitted = Errno(rawValue: EPERM)
    /// `ENOENT`: no such file or directory.
    public static let noSuchFileOrDirectory = Errno(rawValue: ENOENT)
    /// `EINTR`: a signal interrupted the call.
    public static let interrupted = Errno(rawValue: EINTR)
    /// `EIO`: an input/output error.
    public static let ioError = Errno(rawValue: EIO)
    /// `EBADF`: a bad file descriptor.
    public static let badFileDescriptor = Errno(rawValue: EBADF)
    /// `EAGAIN` / `EWOULDBLOCK`: the resource is temporarily unavailable (for example a lock is held).
    public static let wouldBlock = Errno(rawValue: EWOULDBLOCK)
    /// `EACCES`: permission denied.
    public static let permissionDenied = Errno(rawValue: EACCES)
    /// `EEXIST`: the file exists.
    public static let fileExists = Errno(rawValue: EEXIST)
    /// `ENOTDIR`: a path component is not a directory.
    public static let notDirectory = Errno(rawValue: ENOTDIR)
    /// `EISDIR`: the path is a directory.
    public static let isDirectory = Errno(rawValue: EISDIR)
    /// `EINVAL`: an invalid argument.
    public static let invalidArgument = Errno(rawValue: EINVAL)
    /// `ENOSPC`: no space left on the device.
    public static let noSpace = Errno(rawValue: ENOSPC)

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

    private static let names: [Int32: (name: String, explanation: String)] = [
        EPERM: ("EPERM", "operation not permitted"),
        ENOENT: ("ENOENT", "no such file or directory"),
        ESRCH: ("ESRCH", "no such process"),
        EINTR: ("EINTR", "interrupted system call"),
        EIO: ("EIO", "input/output error"),
        ENXIO: ("ENXIO", "no such device or address"),
        E2BIG: ("E2BIG", "argument list too long"),
        EBADF: ("EBADF", "bad file descriptor"),
        EAGAIN: ("EAGAIN", "resource temporarily unavailable"),
        ENOMEM: ("ENOMEM", "cannot allocate memory"),
        EACCES: ("EACCES", "permission denied"),
        EFAULT: ("EFAULT", "bad address"),
        EBUSY: ("EBUSY", "device or resource busy"),
        EEXIST: ("EEXIST", "file exists"),
        EXDEV: ("EXDEV", "invalid cross-device link"),
        ENODEV: ("ENODEV", "no such device"),
        ENOTDIR: ("ENOTDIR", "not a directory"),
        EISDIR: ("EISDIR", "is a directory"),
        EINVAL: ("EINVAL", "invalid argument"),
        ENFILE: ("ENFILE", "too many open files in system"),
        EMFILE: ("EMFILE", "too many open files"),
        ETXTBSY: ("ETXTBSY", "text file busy"),
        EFBIG: ("EFBIG", "file too large"),
        ENOSPC: ("ENOSPC", "no space left on device"),
        ESPIPE: ("ESPIPE", "illegal seek"),
        EROFS: ("EROFS", "read-only file system"),
        EMLINK: ("EMLINK", "too many links"),
        EPIPE: ("EPIPE", "broken pipe"),
        ENAMETOOLONG: ("ENAMETOOLONG", "file name too long"),
        ENOLCK: ("ENOLCK", "no locks available"),
        ENOSYS: ("ENOSYS", "function not implemented"),
        ENOTEMPTY: ("ENOTEMPTY", "directory not empty"),
        ELOOP: ("ELOOP", "too many levels of symbolic links"),
        EOVERFLOW: ("EOVERFLOW", "value too large for defined data type"),
        EOPNOTSUPP: ("EOPNOTSUPP", "operation not supported"),
        ESTALE: ("ESTALE", "stale file handle"),
        EDQUOT: ("EDQUOT", "disk quota exceeded"),
    ]
}
