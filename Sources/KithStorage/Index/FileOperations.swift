import KithSystem

/// Small whole-file operations the index needs, over KithSystem's `FileDescriptor` and `FileSystem`.

/// Removes a file, ignoring a missing one.
func unlinkIgnoringErrors(_ path: String) {
    try? FileSystem.removeFile(path)
}

/// Atomically replaces `destination` with `source`.
func renameReplacing(from source: String, to destination: String) throws(IndexError) {
    do {
        try FileSystem.rename(source, to: destination)
    } catch {
        throw .io("rename", destination, error)
    }
}

/// Reads a whole (small) file, or returns nil when it cannot be read or exceeds `limit` bytes.
func readSmallFile(_ path: String, limit: UInt64 = 256 << 20) -> [UInt8]? {
    guard let descriptor = try? FileDescriptor.open(path, .readOnly) else { return nil }
    defer { try? descriptor.close() }
    guard let size = try? descriptor.size(), size <= limit,
        let bytes = try? descriptor.read(count: Int(size), at: 0), bytes.count == Int(size)
    else { return nil }
    return bytes
}

/// Writes `bytes` to `path` so that after a crash the file holds either its old or its new
/// content: write a temporary file, fsync it, rename it over `path`, fsync the directory.
func writeFileAtomically(_ path: String, _ bytes: [UInt8]) throws(IndexError) {
    let temporary = path + ".tmp"
    do throws(Errno) {
        let descriptor = try FileDescriptor.open(
            temporary, .writeOnly, options: [.create, .truncate], permissions: 0o600)
        do throws(Errno) {
            try descriptor.writeAll(bytes, at: 0)
            try descriptor.sync()
        } catch {
            try? descriptor.close()
            throw error
        }
        try descriptor.close()
    } catch {
        throw .io("write", temporary, error)
    }
    try renameReplacing(from: temporary, to: path)
    try? FileSystem.syncDirectory(FileSystem.parentDirectory(of: path))
}

/// Creates a directory (owner-only) if it does not exist.
func makeDirectory(_ path: String) throws(IndexError) {
    do {
        _ = try FileSystem.makeDirectories(path, permissions: 0o700)
    } catch {
        throw .io("mkdir", path, error)
    }
}
