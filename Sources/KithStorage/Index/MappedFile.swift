import KithSystem

#if canImport(Glibc)
    @preconcurrency import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file mapped read-write into memory, grown on demand.
///
/// The index files are private, derived data: they are mapped shared so that writes reach the page
/// cache at once and `sync()` makes them durable. Integers are stored in the machine's byte order at
/// 8-byte aligned offsets; nothing mapped here ever leaves the machine.
final class MappedFile {
    /// The path the file was opened at.
    let path: String
    private let descriptor: FileDescriptor
    private var base: UnsafeMutableRawPointer?
    /// The number of bytes currently mapped (and the size of the file).
    private(set) var size: Int

    /// Opens (creating if needed) a file and maps at least `minimumSize` bytes of it.
    init(path: String, minimumSize: Int) throws(IndexError) {
        self.path = path
        let opened: FileDescriptor
        let existingSize: UInt64
        do throws(Errno) {
            opened = try FileDescriptor.open(
                path, .readWrite, options: [.create], permissions: 0o600)
            do throws(Errno) {
                existingSize = try opened.size()
            } catch {
                try? opened.close()
                throw error
            }
        } catch {
            throw IndexError.io("open", path, error)
        }
        self.descriptor = opened
        self.size = 0
        do {
            try remap(to: max(Int(clamping: existingSize), minimumSize))
        } catch {
            try? opened.close()
            throw error
        }
    }

    deinit {
        if let base { munmap(base, size) }
        try? descriptor.close()
    }

    /// Grows the file and its mapping so that at least `byteCount` bytes are addressable.
    /// Growth doubles the size, so appending records costs amortised constant time.
    func ensureSize(_ byteCount: Int) throws(IndexError) {
        guard byteCount > size else { return }
        var newSize = max(size, 4096)
        while newSize < byteCount { newSize *= 2 }
        try remap(to: newSize)
    }

    /// Gives the file `newSize` bytes of real storage, then maps them. On failure (a full disk)
    /// the file keeps its old mapping and every byte mapped so far stays usable.
    private func remap(to newSize: Int) throws(IndexError) {
        try allocate(newSize)
        guard newSize > 0 else { return }
        let pointer = mmap(nil, newSize, PROT_READ | PROT_WRITE, MAP_SHARED, descriptor.rawValue, 0)
        guard let pointer, pointer != MAP_FAILED else {
            throw IndexError.io("mmap", path, .current)
        }
        if let base { munmap(base, size) }
        base = pointer
        size = newSize
    }

    /// Makes the first `byteCount` bytes of the file allocated on disk, growing it if needed.
    ///
    /// A mapping over a hole of a sparse file is a trap: when the disk is full, touching that page
    /// (writing it, or on tmpfs even reading it) raises SIGBUS and kills the process. Allocating
    /// first turns a full disk into an error here instead. The corresponding C function is
    /// `posix_fallocate`; where the file system cannot allocate, the file is only extended.
    private func allocate(_ byteCount: Int) throws(IndexError) {
        guard byteCount > 0 else { return }
        #if canImport(Glibc)
            let result = posix_fallocate(descriptor.rawValue, 0, off_t(byteCount))
            if result == 0 { return }
            guard result == EOPNOTSUPP || result == EINVAL else {
                throw IndexError.io("fallocate", path, Errno(rawValue: result))
            }
        #endif
        do throws(Errno) {
            if try descriptor.size() < UInt64(byteCount) {
                try descriptor.truncate(to: UInt64(byteCount))
            }
        } catch {
            throw IndexError.io("ftruncate", path, error)
        }
    }

    /// Reads the 64-bit integer at `offset` (8-byte aligned, inside the mapping).
    @inline(__always)
    func loadWord(at offset: Int) -> UInt64 {
        guard let base, offset >= 0, offset + 8 <= size else { return 0 }
        return base.load(fromByteOffset: offset, as: UInt64.self)
    }

    /// Writes the 64-bit integer at `offset` (8-byte aligned, inside the mapping).
    @inline(__always)
    func storeWord(_ value: UInt64, at offset: Int) {
        guard let base, offset >= 0, offset + 8 <= size else { return }
        base.storeBytes(of: value, toByteOffset: offset, as: UInt64.self)
    }

    /// Zeroes `count` bytes from `offset`.
    func zero(from offset: Int, count: Int) {
        guard let base, offset >= 0, count > 0, offset + count <= size else { return }
        memset(base + offset, 0, count)
    }

    /// Flushes every dirty page to disk and waits for it.
    ///
    /// The corresponding C function is `msync`.
    func sync() throws(IndexError) {
        guard let base else { return }
        guard msync(base, size, MS_SYNC) == 0 else { throw IndexError.io("msync", path, .current) }
    }
}
