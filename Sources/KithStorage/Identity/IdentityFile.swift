import Glibc
import KithCore
import KithSystem

/// The node's secret key file, `<home>/identity.key` (Protocol/identity.md).
///
/// Loading refuses, with a message saying what to do, a file that group or others can access, that
/// is not a regular file owned by the current user, or that has the wrong length or magic. Creating
/// writes a new key to a private temporary file (mode 0600 from the start, `O_CREAT|O_EXCL`),
/// syncs it, then links it into place without ever replacing an existing file, and syncs the
/// directory: the key file never exists partially written or with wider permissions.
/// The seed's file image is wiped from memory after use.
public struct IdentityFile: Sendable {
    /// The file's name inside a Kith home.
    public static let fileName = "identity.key"

    /// The file's path.
    public let path: String

    /// The key file at `path`.
    public init(path: String) {
        self.path = path
    }

    /// The key file `identity.key` inside `directory`.
    public init(directory: String) {
        self.init(path: (directory.hasSuffix("/") ? directory : directory + "/") + Self.fileName)
    }

    /// A key read from, or just written to, the file.
    public struct Loaded: Sendable {
        /// The node's signing key.
        public let key: SigningKey
        /// Whether this call created the file.
        public let wasCreated: Bool
    }

    /// Loads the key, creating the file with a new key when there is none.
    ///
    /// If another process creates the file at the same moment, its key is loaded and used.
    public func loadOrCreate() throws(IdentityFileError) -> Loaded {
        do {
            return Loaded(key: try load(), wasCreated: false)
        } catch .notFound {
            if let key = try create() { return Loaded(key: key, wasCreated: true) }
            return Loaded(key: try load(), wasCreated: false)
        }
    }

    /// Loads the key from an existing file.
    public func load() throws(IdentityFileError) -> SigningKey {
        try refuseSymbolicLink()
        let descriptor: FileDescriptor
        do {
            // O_NOFOLLOW: a link swapped in after the check above still fails (ELOOP).
            // O_NONBLOCK: opening a FIFO must not hang; it is refused below as a special file.
            let options = FileDescriptor.OpenOptions([.noFollow, .nonblocking])
            descriptor = try FileDescriptor.open(path, .readOnly, options: options)
        } catch {
            throw classifyOpenFailure(error)
        }
        defer { try? descriptor.close() }
        try checkSafeToUse(descriptor)
        return try readKey(from: descriptor)
    }

    /// Creates the file with a new key. Returns nil, leaving everything as it was, when a file
    /// already exists at the path.
    public func create() throws(IdentityFileError) -> SigningKey? {
        let directory = FileSystem.parentDirectory(of: path)
        let temporaryPath = directory + "/.identity.key." + Self.randomSuffix() + ".tmp"
        let key = SigningKey.generate()
        try writeKeyFile(key, to: temporaryPath)
        defer { try? FileSystem.removeFile(temporaryPath) }
        do {
            try FileSystem.hardLink(temporaryPath, to: path)
        } catch .fileExists {
            return nil
        } catch {
            throw .system(operation: "create", path: path, error)
        }
        try? FileSystem.removeFile(temporaryPath)
        do {
            try FileSystem.syncDirectory(directory)
        } catch {
            throw .system(operation: "sync the directory of", path: path, error)
        }
        return key
    }

    // MARK: - Loading

    private func refuseSymbolicLink() throws(IdentityFileError) {
        // A missing file or another failure is reported by the open that follows.
        guard let info = try? FileSystem.linkStatus(path) else { return }
        if info.st_mode & S_IFMT == S_IFLNK {
            throw .notARegularFile(path: path, kind: .symbolicLink)
        }
    }

    private func classifyOpenFailure(_ error: Errno) -> IdentityFileError {
        switch error {
        case .noSuchFileOrDirectory: .notFound(path: path)
        case .tooManySymbolicLinks: .notARegularFile(path: path, kind: .symbolicLink)
        default: .system(operation: "open", path: path, error)
        }
    }

    private func checkSafeToUse(_ descriptor: FileDescriptor) throws(IdentityFileError) {
        let info: stat
        do {
            info = try descriptor.status()
        } catch {
            throw .system(operation: "inspect", path: path, error)
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw .notARegularFile(path: path, kind: .directory)
        case S_IFLNK: throw .notARegularFile(path: path, kind: .symbolicLink)
        default: throw .notARegularFile(path: path, kind: .special)
        }
        let userID = FileSystem.effectiveUserID()
        guard info.st_uid == userID else {
            throw .wrongOwner(path: path, ownerID: info.st_uid, userID: userID)
        }
        let permissions = UInt32(info.st_mode) & 0o777
        guard permissions & 0o077 == 0 else {
            throw .unprotected(path: path, permissions: permissions)
        }
        guard info.st_size == IdentityKeyFormat.fileByteCount else {
            throw .wrongLength(path: path, byteCount: UInt64(max(0, info.st_size)))
        }
    }

    private func readKey(from descriptor: FileDescriptor) throws(IdentityFileError) -> SigningKey {
        // One byte more than needed, so a file that grew since fstat is noticed.
        let buffer = UnsafeMutableRawBufferPointer.allocate(
            byteCount: IdentityKeyFormat.fileByteCount + 1, alignment: 1)
        defer {
            SecureMemory.wipe(buffer)
            buffer.deallocate()
        }
        let count: Int
        do {
            count = try descriptor.readFully(into: buffer, at: 0)
        } catch {
            throw .system(operation: "read", path: path, error)
        }
        guard count == IdentityKeyFormat.fileByteCount else {
            throw .wrongLength(path: path, byteCount: UInt64(count))
        }
        let file = UnsafeRawBufferPointer(rebasing: buffer[..<count])
        guard IdentityKeyFormat.hasMagic(file) else { throw .wrongMagic(path: path) }
        do {
            return try SigningKey(seed: IdentityKeyFormat.seed(in: file))
        } catch {
            // Unreachable: the seed slice is always exactly 32 bytes.
            throw .wrongLength(path: path, byteCount: UInt64(count))
        }
    }

    // MARK: - Creating

    private func writeKeyFile(_ key: SigningKey, to temporaryPath: String) throws(IdentityFileError)
    {
        let descriptor: FileDescriptor
        do {
            let options: FileDescriptor.OpenOptions = [
                .create, .exclusive, .noFollow,
            ]
            descriptor = try FileDescriptor.open(
                temporaryPath, .writeOnly, options: options, permissions: 0o600)
        } catch {
            throw .system(operation: "create", path: temporaryPath, error)
        }
        let image = UnsafeMutableRawBufferPointer.allocate(
            byteCount: IdentityKeyFormat.fileByteCount, alignment: 1)
        defer {
            SecureMemory.wipe(image)
            image.deallocate()
        }
        key.withSeedBytes { seed in IdentityKeyFormat.encode(seed: seed, into: image) }
        do {
            // The umask can only have narrowed 0600; set it exactly so the owner can read it back.
            try descriptor.setPermissions(0o600)
            try descriptor.writeAll(UnsafeRawBufferPointer(image), at: 0)
            try descriptor.sync()
            try descriptor.close()
        } catch {
            try? descriptor.close()
            try? FileSystem.removeFile(temporaryPath)
            throw .system(operation: "write", path: temporaryPath, error)
        }
    }

    private static func randomSuffix() -> String {
        Hex.encode(SecureRandom.bytes(8))
    }
}
