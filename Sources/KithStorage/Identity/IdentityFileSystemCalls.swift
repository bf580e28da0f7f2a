import Glibc

/// The few system calls the key file needs beyond those of `FileDescriptor` and `FileSystem`.
/// Each turns `-1`/`errno` into an ``Errno`` and retries `EINTR`.
enum IdentityFileSystemCalls {
    /// The status of the open file. The corresponding C function is `fstat`.
    static func status(of descriptor: FileDescriptor) throws(Errno) -> stat {
        var info = stat()
        _ = try valueOrErrno { Glibc.fstat(descriptor.rawValue, &info) }
        return info
    }

    /// The status of `path` itself, not of what a symbolic link points to.
    ///
    /// The corresponding C function is `lstat`.
    static func linkStatus(_ path: String) throws(Errno) -> stat {
        var info = stat()
        _ = try valueOrErrno { Glibc.lstat(path, &info) }
        return info
    }

    /// Sets the open file's permission bits. The corresponding C function is `fchmod`.
    static func setPermissions(of descriptor: FileDescriptor, to mode: mode_t) throws(Errno) {
        _ = try valueOrErrno { Glibc.fchmod(descriptor.rawValue, mode) }
    }

    /// Gives the file at `source` the additional name `destination`; fails with `EEXIST` rather
    /// than replace an existing file. The corresponding C function is `link`.
    static func hardLink(_ source: String, to destination: String) throws(Errno) {
        _ = try valueOrErrno { Glibc.link(source, destination) }
    }

    /// The effective user id of this process (cannot fail). The corresponding C function is `geteuid`.
    static func effectiveUserID() -> UInt32 {
        Glibc.geteuid()
    }
}
