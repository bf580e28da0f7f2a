import Foundation
import KithStorage
import Testing

@Suite("One writer")
struct LogLockTests {
  @Test(
    "a second writer is refused with the holder's pid and writes nothing; after close it succeeds")
  func secondWriterRefused() throws {
    try withTemporaryDirectory { directory in
      let (first, _) = try SegmentedLog.open(directory: directory)
      _ = try first.append(testPayload(size: 10, seed: 1))
      try first.sync()
      let segmentBefore = try fileBytes(segmentPath(directory, base: 0))
      let lockBefore = try fileBytes(directory + "/LOCK")
      let namesBefore = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()

      let pid = ProcessInfo.processInfo.processIdentifier
      #expect(throws: LogError.locked(path: directory + "/LOCK", pid: pid)) {
        try SegmentedLog.open(directory: directory)
      }
      do throws(LogError) {
        _ = try SegmentedLog.open(directory: directory)
      } catch {
        #expect(error.description.contains("process \(pid)"))
      }
      #expect(try fileBytes(segmentPath(directory, base: 0)) == segmentBefore)
      #expect(try fileBytes(directory + "/LOCK") == lockBefore)
      #expect(
        try FileManager.default.contentsOfDirectory(atPath: directory).sorted() == namesBefore)

      // The first writer is unaffected.
      _ = try first.append(testPayload(size: 10, seed: 2))
      try first.close()

      let (second, report) = try SegmentedLog.open(directory: directory)
      #expect(report.isClean)
      #expect(try LogReader(directory: directory).readAll().records.count == 2)
      try second.close()
    }
  }

  @Test(
    "another process cannot take the lock while a writer holds it",
    .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/flock"))
  )
  func crossProcess() throws {
    try withTemporaryDirectory { directory in
      let (log, _) = try SegmentedLog.open(directory: directory)
      #expect(try runFlock(directory + "/LOCK") != 0)
      try log.close()
      #expect(try runFlock(directory + "/LOCK") == 0)
    }
  }

  /// Runs `flock -n <path> true` and returns its exit status (non-zero when the lock is held).
  private func runFlock(_ path: String) throws -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
    process.arguments = ["-n", path, "true"]
    try process.run()
    process.waitUntilExit()
    return process.terminationStatus
  }
}
