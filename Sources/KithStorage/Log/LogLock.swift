import Glibc

/// The single-writer lock of a log directory (log.md, "One writer"): an exclusive, non-blocking
/// `flock` on `<log>/LOCK`, which holds the writer's process id for error messages.
enum LogLock {
  /// The lock file's name inside the log directory.
  static let fileName = "LOCK"

  /// Takes the lock of the log in `directory` and writes this process's id into the lock file.
  ///
  /// Returns the open lock file; closing it releases the lock. Throws ``LogError/locked(path:pid:)``
  /// without writing anything when another open file description holds the lock.
  static func acquire(directory: String) throws(LogError) -> FileDescriptor {
    let path = directory + "/" + fileName
    let file: FileDescriptor
    do {
      file = try FileDescriptor.open(path, .readWrite, options: .create, permissions: 0o600)
    } catch {
      throw error.log("open", path)
    }
    let locked: Bool
    do {
      locked = try file.tryLockExclusive()
    } catch {
      try? file.close()
      throw error.log("flock", path)
    }
    guard locked else {
      let pid = holderProcessID(file)
      try? file.close()
      throw LogError.locked(path: path, pid: pid)
    }
    do {
      let line = Array("\(getpid())\n".utf8)
      try file.truncate(to: 0)
      try file.writeAll(line, at: 0)
    } catch {
      try? file.close()
      throw error.log("write", path)
    }
    return file
  }

  /// The process id written in the lock file, if it holds one.
  private static func holderProcessID(_ file: FileDescriptor) -> Int32? {
    let bytes = (try? file.read(count: 32, at: 0)) ?? []
    let text = String(decoding: bytes, as: UTF8.self)
    return text.split(whereSeparator: \.isWhitespace).first.flatMap { Int32($0) }
  }
}
