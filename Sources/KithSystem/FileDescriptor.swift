#if canImport(Glibc)
    @preconcurrency import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An open file descriptor: a thin, typed wrapper over the POSIX calls the storage layer uses.
///
/// Every method turns a `-1` result into a thrown ``Errno`` and retries calls interrupted by a
/// signal (`EINTR`), except ``close()``, which must never be retried on Linux. The descriptor is a
/// plain value: closing it is the owner's job.
package struct FileDescriptor: RawRepresentable, Hashable, Sendable {
    /// The C file descriptor number.
    package let rawValue: Int32

    /// Wraps a C file descriptor number.
    package init(rawValue: Int32) {
        self.rawValue = rawValue
    }

    /// How a file is opened: for reading, writing or both.
    package enum AccessMode: Sendable {
        /// `O_RDONLY`.
        case readOnly
        /// `O_WRONLY`.
        case writeOnly
        /// `O_RDWR`.
        case readWrite

        var flags: Int32 {
            switch self {
            case .readOnly: O_RDONLY
            case .writeOnly: O_WRONLY
            case .readWrite: O_RDWR
            }
        }
    }

    /// Extra flags for ``open(_:_:options:permissions:)``. `O_CLOEXEC` is always added.
    package struct OpenOptions: OptionSet, Sendable {
        /// The C flag bits.
        package let rawValue: Int32

        /// Wraps C flag bits.
        package init(rawValue: Int32) {
            self.rawValue = rawValue
        }

        /// `O_CREAT`: create the file if it does not exist.
        package static let create = OpenOptions(rawValue: O_CREAT)
        /// `O_EXCL`: with `create`, fail if the file exists.
        package static let exclusive = OpenOptions(rawValue: O_EXCL)
        /// `O_TRUNC`: truncate the file to zero bytes.
        package static let truncate = OpenOptions(rawValue: O_TRUNC)
        /// `O_APPEND`: every write goes to the end of the file.
        package static let append = OpenOptions(rawValue: O_APPEND)
        /// `O_DIRECTORY`: fail unless the path is a directory.
        package static let directory = OpenOptions(rawValue: O_DIRECTORY)
        /// `O_NOFOLLOW`: fail with `ELOOP` when the last path component is a symbolic link.
        package static let noFollow = OpenOptions(rawValue: O_NOFOLLOW)
        /// `O_NONBLOCK`: do not wait (opening a FIFO, for example).
        package static let nonblocking = OpenOptions(rawValue: O_NONBLOCK)
    }

    /// Opens or creates a file.
    ///
    /// `permissions` apply only when the file is created. The corresponding C function is `open`.
    package static func open(
        _ path: String,
        _ mode: AccessMode,
        options: OpenOptions = [],
        permissions: mode_t = 0o600
    ) throws(Errno) -> FileDescriptor {
        let flags = mode.flags | options.rawValue | O_CLOEXEC
        let descriptor = try valueOrErrno { systemOpen(path, flags, permissions) }
        return FileDescriptor(rawValue: descriptor)
    }

    /// Reads up to `buffer.count` bytes at file position `offset` without moving the file position.
    ///
    /// Returns the number of bytes read; 0 means the end of the file. The corresponding C function is
    /// `pread`.
    package func read(into buffer: UnsafeMutableRawBufferPointer, at offset: UInt64) throws(Errno)
        -> Int
    {
        guard let base = buffer.baseAddress, !buffer.isEmpty else { return 0 }
        return try valueOrErrno { pread(rawValue, base, buffer.count, off_t(offset)) }
    }

    /// Reads until `buffer` is full or the end of the file is reached; returns the number of bytes read.
    ///
    /// Built on `pread`, repeated after short reads.
    package func readFully(into buffer: UnsafeMutableRawBufferPointer, at offset: UInt64)
        throws(Errno) -> Int
    {
        var done = 0
        while done < buffer.count {
            let count = try read(
                into: UnsafeMutableRawBufferPointer(rebasing: buffer[done...]),
                at: offset + UInt64(done)
            )
            if count == 0 { break }
            done += count
        }
        return done
    }

    /// Writes up to `bytes.count` bytes at file position `offset`; returns how many were written.
    ///
    /// The corresponding C function is `pwrite`.
    package func write(_ bytes: UnsafeRawBufferPointer, at offset: UInt64) throws(Errno) -> Int {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return 0 }
        return try valueOrErrno { pwrite(rawValue, base, bytes.count, off_t(offset)) }
    }

    /// Writes all of `bytes` at file position `offset`, repeating after short writes.
    ///
    /// Built on `pwrite`.
    package func writeAll(_ bytes: UnsafeRawBufferPointer, at offset: UInt64) throws(Errno) {
        var done = 0
        while done < bytes.count {
            done += try write(
                UnsafeRawBufferPointer(rebasing: bytes[done...]), at: offset + UInt64(done))
        }
    }

    /// Writes up to `bytes.count` bytes at the current file position; returns how many were written.
    ///
    /// The corresponding C function is `write`.
    package func write(_ bytes: UnsafeRawBufferPointer) throws(Errno) -> Int {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return 0 }
        return try valueOrErrno { systemWrite(rawValue, base, bytes.count) }
    }

    /// Writes all of `bytes` at the current file position, repeating after short writes. A write
    /// that takes nothing (a terminal that went away) fails with `EIO` rather than spin.
    ///
    /// Built on `write`.
    package func writeAll(_ bytes: UnsafeRawBufferPointer) throws(Errno) {
        var done = 0
        while done < bytes.count {
            let written = try write(UnsafeRawBufferPointer(rebasing: bytes[done...]))
            guard written > 0 else { throw .ioError }
            done += written
        }
    }

    /// Whether the descriptor refers to a terminal. The corresponding C function is `isatty`.
    package var isTerminal: Bool {
        isatty(rawValue) == 1
    }

    /// Flushes the file's data and metadata to stable storage. The corresponding C function is `fsync`.
    package func sync() throws(Errno) {
        _ = try valueOrErrno { fsync(rawValue) }
    }

    /// Flushes the file's data, and the metadata needed to read it back, to stable storage.
    ///
    /// The corresponding C function is `fdatasync`.
    package func dataSync() throws(Errno) {
        _ = try valueOrErrno { fdatasync(rawValue) }
    }

    /// Sets the file's size to `size` bytes. The corresponding C function is `ftruncate`.
    package func truncate(to size: UInt64) throws(Errno) {
        _ = try valueOrErrno { ftruncate(rawValue, off_t(size)) }
    }

    /// Tries to take an exclusive POSIX record lock on the whole file without waiting.
    ///
    /// Returns `false` when another process holds a conflicting lock. A record lock belongs to this
    /// process: children made by `fork` or `posix_spawn` do not inherit it, and it is released when
    /// the process closes *any* descriptor of the file or exits. The corresponding C function is
    /// `fcntl` with `F_SETLK`.
    package func tryLockRecordExclusive() throws(Errno) -> Bool {
        var lock = Self.wholeFileLock(type: F_WRLCK)
        do throws(Errno) {
            _ = try valueOrErrno { fcntl(rawValue, F_SETLK, &lock) }
            return true
        } catch {
            if error == .wouldBlock || error == .permissionDenied { return false }
            throw error
        }
    }

    /// The process that holds a record lock conflicting with an exclusive lock of the whole file,
    /// or nil when none does. The corresponding C function is `fcntl` with `F_GETLK`.
    package func recordLockHolder() throws(Errno) -> Int32? {
        var lock = Self.wholeFileLock(type: F_WRLCK)
        _ = try valueOrErrno { fcntl(rawValue, F_GETLK, &lock) }
        return lock.l_type == F_UNLCK ? nil : lock.l_pid
    }

    private static func wholeFileLock(type: Int32) -> flock {
        var lock = flock()
        lock.l_type = Int16(type)
        lock.l_whence = Int16(SEEK_SET)
        lock.l_start = 0
        lock.l_len = 0
        return lock
    }

    /// The device and inode numbers of the open file: what names it whatever path reached it. The
    /// corresponding C function is `fstat`.
    package func identity() throws(Errno) -> FileIdentity {
        var info = stat()
        _ = try valueOrErrno { fstat(rawValue, &info) }
        return FileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
    }

    /// The status of the open file: its type, owner, permissions and size. The corresponding C
    /// function is `fstat`.
    package func status() throws(Errno) -> stat {
        var info = stat()
        _ = try valueOrErrno { fstat(rawValue, &info) }
        return info
    }

    /// Sets the open file's permission bits. The corresponding C function is `fchmod`.
    package func setPermissions(_ permissions: mode_t) throws(Errno) {
        _ = try valueOrErrno { fchmod(rawValue, permissions) }
    }

    /// The file's current size in bytes. The corresponding C function is `fstat`.
    package func size() throws(Errno) -> UInt64 {
        var info = stat()
        _ = try valueOrErrno { fstat(rawValue, &info) }
        return UInt64(max(0, info.st_size))
    }

    /// Closes the descriptor. Never retried: on Linux the descriptor is released even when `close`
    /// reports `EINTR`. The corresponding C function is `close`.
    package func close() throws(Errno) {
        _ = try valueOrErrno(retryOnInterrupt: false) { systemClose(rawValue) }
    }
}

extension FileDescriptor {
    /// Writes all of `bytes` at file position `offset` (``writeAll(_:at:)`` for an array).
    package func writeAll(_ bytes: [UInt8], at offset: UInt64) throws(Errno) {
        let result = bytes.withUnsafeBytes { buffer in
            Result { () throws(Errno) in try writeAll(buffer, at: offset) }
        }
        try result.get()
    }

    /// Reads up to `count` bytes at file position `offset`; fewer only at the end of the file.
    ///
    /// Built on `pread`, repeated after short reads.
    package func read(count: Int, at offset: UInt64) throws(Errno) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        let result = bytes.withUnsafeMutableBytes { buffer in
            Result { () throws(Errno) in try readFully(into: buffer, at: offset) }
        }
        let read = try result.get()
        bytes.removeLast(count - read)
        return bytes
    }
}

/// A file's device and inode numbers: equal for two paths or descriptors of the same file.
package struct FileIdentity: Hashable, Sendable {
    /// `st_dev`.
    package let device: UInt64
    /// `st_ino`.
    package let inode: UInt64
}
