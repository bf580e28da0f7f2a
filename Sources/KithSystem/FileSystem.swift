#if canImport(Glibc)
    @preconcurrency import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Thin, typed wrappers over the POSIX calls that work on paths rather than open files.
///
/// Each failure is thrown as an ``Errno``; calls interrupted by a signal are retried.
package enum FileSystem {

    /// Creates one directory. The corresponding C function is `mkdir`.
    package static func makeDirectory(_ path: String, permissions: mode_t = 0o700) throws(Errno) {
        _ = try valueOrErrno { mkdir(path, permissions) }
    }

    /// Creates a directory and any missing parents (like `mkdir -p`).
    ///
    /// Returns the directories it created, outermost first, so a caller can make their creation
    /// durable with ``syncDirectory(_:)`` on their parents.
    @discardableResult
    package static func makeDirectories(_ path: String, permissions: mode_t = 0o700) throws(Errno)
        -> [String]
    {
        if isDirectory(path) { return [] }
        var created: [String] = []
        let parent = parentDirectory(of: path)
        if parent != path && !parent.isEmpty {
            created = try makeDirectories(parent, permissions: permissions)
        }
        do {
            try makeDirectory(path, permissions: permissions)
            created.append(path)
        } catch {
            if error != .fileExists || !isDirectory(path) { throw error }
        }
        return created
    }

    /// The directory part of a path: `"/a/b"` gives `"/a"`, `"b"` gives `"."`, `"/"` gives `"/"`.
    package static func parentDirectory(of path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "." }
        if slash == trimmed.startIndex { return "/" }
        return String(trimmed[..<slash])
    }

    /// Whether `path` names an existing directory. The corresponding C function is `stat`.
    package static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        guard (try? valueOrErrno({ () -> Int32 in stat(path, &info) })) != nil else { return false }
        return (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// The status of what `path` names, following symbolic links. The corresponding C function is
    /// `stat`.
    package static func status(_ path: String) throws(Errno) -> stat {
        var info = stat()
        _ = try valueOrErrno { () -> Int32 in stat(path, &info) }
        return info
    }

    /// The size in bytes of the file at `path`. The corresponding C function is `stat`.
    package static func fileSize(_ path: String) throws(Errno) -> UInt64 {
        var info = stat()
        _ = try valueOrErrno { () -> Int32 in stat(path, &info) }
        return UInt64(max(0, info.st_size))
    }

    /// The device and inode numbers of the file at `path`, or nil when nothing is there. The
    /// corresponding C function is `stat`.
    package static func identity(of path: String) throws(Errno) -> FileIdentity? {
        var info = stat()
        do throws(Errno) {
            _ = try valueOrErrno { () -> Int32 in stat(path, &info) }
        } catch {
            if error == .noSuchFileOrDirectory { return nil }
            throw error
        }
        return FileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
    }

    /// The bytes an unprivileged process may still write on the file system holding `path`
    /// (`f_bavail × f_frsize`). The corresponding C function is `statvfs`.
    package static func availableBytes(at path: String) throws(Errno) -> UInt64 {
        var info = statvfs()
        _ = try valueOrErrno { () -> Int32 in statvfs(path, &info) }
        return UInt64(info.f_bavail) &* UInt64(info.f_frsize)
    }

    /// The names in a directory, without `"."` and `".."`, in no particular order.
    ///
    /// The corresponding C functions are `opendir`, `readdir` and `closedir`.
    package static func contentsOfDirectory(_ path: String) throws(Errno) -> [String] {
        guard let directory = opendir(path) else { throw Errno.current }
        defer { closedir(directory) }
        var names: [String] = []
        while true {
            errno = 0
            guard let entry = readdir(directory) else {
                let error = Errno.current
                if error.rawValue != 0 { throw error }
                return names
            }
            let name = withUnsafePointer(to: &entry.pointee.d_name) { tuple in
                tuple.withMemoryRebound(
                    to: CChar.self, capacity: MemoryLayout.size(ofValue: tuple.pointee)
                ) {
                    String(cString: $0)
                }
            }
            if name != "." && name != ".." { names.append(name) }
        }
    }

    /// Atomically renames `source` to `destination`, replacing it if it exists.
    ///
    /// The corresponding C function is `rename`.
    package static func rename(_ source: String, to destination: String) throws(Errno) {
        _ = try valueOrErrno { systemRename(source, destination) }
    }

    /// Gives the file at `source` the additional name `destination`; fails with `EEXIST` rather
    /// than replace an existing file. The corresponding C function is `link`.
    package static func hardLink(_ source: String, to destination: String) throws(Errno) {
        _ = try valueOrErrno { link(source, destination) }
    }

    /// The status of `path` itself, not of what a symbolic link points to.
    ///
    /// The corresponding C function is `lstat`.
    package static func linkStatus(_ path: String) throws(Errno) -> stat {
        var info = stat()
        _ = try valueOrErrno { lstat(path, &info) }
        return info
    }

    /// The effective user id of this process (cannot fail). The corresponding C function is
    /// `geteuid`.
    package static func effectiveUserID() -> uid_t {
        geteuid()
    }

    /// Removes a file. The corresponding C function is `unlink`.
    package static func removeFile(_ path: String) throws(Errno) {
        _ = try valueOrErrno { unlink(path) }
    }

    /// Makes the directory's entries (files created, renamed or removed in it) durable.
    ///
    /// Opens the directory, calls `fsync` on it and closes it.
    package static func syncDirectory(_ path: String) throws(Errno) {
        let descriptor = try FileDescriptor.open(path, .readOnly, options: .directory)
        defer { try? descriptor.close() }
        try descriptor.sync()
    }
}
