import Glibc
import KithSystem

/// The block list file `<home>/blocked` (Protocol/blocklist.md): loaded at start, saved whenever
/// the user blocks or unblocks someone.
///
/// Saving writes a temporary file (mode 0600, created exclusively), syncs it, renames it over the
/// list and syncs the directory, so the file is always the old list or the new one.
public struct BlockListFile: Sendable {
    /// The file's name inside a Kith home.
    public static let fileName = "blocked"
    /// The name of the file of hidden authors, in the same format (Protocol/blocklist.md).
    public static let hiddenFileName = "hidden"

    /// The file's path.
    public let path: String

    /// The file at `path`.
    public init(path: String) {
        self.path = path
    }

    /// The file `blocked` inside the home `home`.
    public init(home: String) {
        self.init(path: (home.hasSuffix("/") ? home : home + "/") + Self.fileName)
    }

    /// The list in the file; an empty list when there is no file.
    /// - Throws: ``BlockListError/inFile(path:_:)`` wrapping why the file cannot be used.
    public func load() throws(BlockListError) -> BlockList {
        let descriptor: FileDescriptor
        do {
            descriptor = try FileDescriptor.open(path, .readOnly)
        } catch {
            if error == .noSuchFileOrDirectory { return BlockList() }
            throw .inFile(path: path, .system(operation: "open", path: path, error))
        }
        defer { try? descriptor.close() }
        let size: UInt64
        do {
            size = try descriptor.size()
        } catch {
            throw .inFile(path: path, .system(operation: "inspect", path: path, error))
        }
        guard size <= BlockListCodec.maximumByteCount else {
            throw .inFile(path: path, .tooLarge(byteCount: size))
        }
        let bytes: [UInt8]
        do {
            // One byte more than allowed, so a file that grew since fstat is noticed.
            bytes = try descriptor.read(count: Int(BlockListCodec.maximumByteCount) + 1, at: 0)
        } catch {
            throw .inFile(path: path, .system(operation: "read", path: path, error))
        }
        do {
            return try BlockListCodec.decode(bytes)
        } catch {
            throw .inFile(path: path, error)
        }
    }

    /// Replaces the file with `list`, atomically.
    /// - Throws: ``BlockListError/inFile(path:_:)`` wrapping the failed system call; the file is
    ///   then unchanged.
    public func save(_ list: BlockList) throws(BlockListError) {
        let temporary = path + ".tmp"
        do throws(Errno) {
            try? FileSystem.removeFile(temporary)
            let descriptor = try FileDescriptor.open(
                temporary, .writeOnly, options: [.create, .exclusive], permissions: 0o600)
            do throws(Errno) {
                // The umask can only have narrowed 0600; set it exactly.
                _ = try valueOrErrno { Glibc.fchmod(descriptor.rawValue, 0o600) }
                try descriptor.writeAll(BlockListCodec.encode(list), at: 0)
                try descriptor.sync()
            } catch {
                try? descriptor.close()
                try? FileSystem.removeFile(temporary)
                throw error
            }
            try descriptor.close()
            try FileSystem.rename(temporary, to: path)
            try FileSystem.syncDirectory(FileSystem.parentDirectory(of: path))
        } catch {
            try? FileSystem.removeFile(temporary)
            throw .inFile(path: path, .system(operation: "write", path: path, error))
        }
    }
}
