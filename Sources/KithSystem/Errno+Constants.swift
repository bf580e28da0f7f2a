#if canImport(Glibc)
    @preconcurrency import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension Errno {
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
    /// `EAGAIN` / `EWOULDBLOCK`: the resource is temporarily unavailable (a nonblocking descriptor
    /// has nothing to give, or a lock is held).
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
    /// `ELOOP`: too many levels of symbolic links (or `O_NOFOLLOW` met one).
    public static let tooManySymbolicLinks = Errno(rawValue: ELOOP)
    /// `EPIPE`: the other end of a pipe or socket is closed.
    public static let brokenPipe = Errno(rawValue: EPIPE)
    /// `ENAMETOOLONG`: a path or socket name is too long.
    public static let nameTooLong = Errno(rawValue: ENAMETOOLONG)
    /// `EAFNOSUPPORT`: the address family is not supported.
    public static let addressFamilyNotSupported = Errno(rawValue: EAFNOSUPPORT)
    /// `EADDRINUSE`: the address is already in use.
    public static let addressInUse = Errno(rawValue: EADDRINUSE)
    /// `EADDRNOTAVAIL`: the address is not available on this host.
    public static let addressNotAvailable = Errno(rawValue: EADDRNOTAVAIL)
    /// `ECONNABORTED`: the connection was aborted before it was accepted.
    public static let connectionAborted = Errno(rawValue: ECONNABORTED)
    /// `ECONNRESET`: the peer reset the connection.
    public static let connectionReset = Errno(rawValue: ECONNRESET)
    /// `ECONNREFUSED`: nothing listens at the address.
    public static let connectionRefused = Errno(rawValue: ECONNREFUSED)
    /// `ETIMEDOUT`: the connection timed out.
    public static let timedOut = Errno(rawValue: ETIMEDOUT)
    /// `EINPROGRESS`: a nonblocking connect has started and is not finished.
    public static let inProgress = Errno(rawValue: EINPROGRESS)
}
