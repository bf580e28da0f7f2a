import Glibc
import KithSystem
import Synchronization

/// The single-writer lock of a log directory (log.md, "One writer"): an exclusive POSIX record
/// lock (`fcntl` `F_SETLK`) on the whole of `<log>/LOCK`, which holds the writer's process id.
///
/// A record lock belongs to the process, not to a descriptor: a child made by `fork` or
/// `posix_spawn` never holds it, even in the moment before `exec` when it still has copies of
/// every descriptor. (An `flock` lock, held by the open file description, stayed held by such a
/// child after the writer closed the log, so the writer could not open it again.) Record locks do
/// not exclude a second writer inside the same process, so the process also keeps a table of the
/// lock files it holds; and because closing any descriptor of a locked file releases the
/// process's lock on it, a lock file this process holds is never opened a second time.
struct LogLock: Sendable {
    /// The lock file's name inside the log directory.
    static let fileName = "LOCK"

    /// The lock files this process holds, by identity.
    private static let held = Mutex<Set<FileIdentity>>([])

    /// The open lock file.
    private let file: FileDescriptor
    /// Its identity, the key in ``held``.
    private let identity: FileIdentity

    /// Takes the lock of the log in `directory` and writes this process's id into the lock file.
    ///
    /// Throws ``LogError/locked(path:pid:)`` without writing anything when another process, or this
    /// one, already holds the lock.
    static func acquire(directory: String) throws(LogError) -> LogLock {
        let path = directory + "/" + fileName
        let result: Result<LogLock, LogError> = held.withLock { held in
            Result { () throws(LogError) -> LogLock in
                try acquire(path: path, held: &held)
            }
        }
        return try result.get()
    }

    /// ``acquire(directory:)`` with the table of held locks locked.
    private static func acquire(path: String, held: inout Set<FileIdentity>) throws(LogError)
        -> LogLock
    {
        let ownProcess = getpid()
        // Looked up before opening: closing a new descriptor of a file this process has locked would
        // release that lock.
        let existing: FileIdentity?
        do {
            existing = try FileSystem.identity(of: path)
        } catch {
            throw error.log("stat", path)
        }
        if let existing, held.contains(existing) {
            throw LogError.locked(path: path, pid: ownProcess)
        }
        let file: FileDescriptor
        let identity: FileIdentity
        do {
            file = try FileDescriptor.open(path, .readWrite, options: .create, permissions: 0o600)
        } catch {
            throw error.log("open", path)
        }
        do {
            identity = try file.identity()
        } catch {
            try? file.close()
            throw error.log("fstat", path)
        }
        // The path was replaced by a lock file this process holds between `stat` and `open`: the
        // descriptor is left open, since closing it would release the other log's lock.
        guard !held.contains(identity) else { throw LogError.locked(path: path, pid: ownProcess) }
        let locked: Bool
        do {
            locked = try file.tryLockRecordExclusive()
        } catch {
            try? file.close()
            throw error.log("fcntl", path)
        }
        guard locked else {
            let pid = (try? file.recordLockHolder()) ?? nil
            try? file.close()
            throw LogError.locked(path: path, pid: pid)
        }
        do {
            let line = Array("\(ownProcess)\n".utf8)
            try file.truncate(to: 0)
            try file.writeAll(line, at: 0)
        } catch {
            try? file.close()
            throw error.log("write", path)
        }
        held.insert(identity)
        return LogLock(file: file, identity: identity)
    }

    /// Releases the lock: closes the lock file and forgets it. Call it once.
    func release() {
        Self.held.withLock { held in
            try? file.close()
            held.remove(identity)
        }
    }
}
