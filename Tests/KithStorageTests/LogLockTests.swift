import Foundation
import KithStorage
import Testing

#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

@Suite("One writer")
struct LogLockTests {
    @Test(
        "a second writer is refused with the holder's pid and writes nothing; after close it succeeds"
    )
    func secondWriterRefused() throws {
        try withTemporaryDirectory { directory in
            let (first, _) = try SegmentedLog.open(directory: directory)
            _ = try first.append(testPayload(size: 10, seed: 1))
            try first.sync()
            let segmentBefore = try fileBytes(segmentPath(directory, base: 0))
            let lockBefore = try fileBytes(directory + "/LOCK")
            let namesBefore = try FileManager.default.contentsOfDirectory(atPath: directory)
                .sorted()

            let pid = ProcessInfo.processInfo.processIdentifier
            #expect(throws: LogError.locked(path: directory + "/LOCK", pid: pid)) {
                try SegmentedLog.open(directory: directory)
            }
            do throws(LogError) {
                _ = try SegmentedLog.open(directory: directory)
            } catch {
                #expect(error.description.contains("in this process"))
            }
            #expect(try fileBytes(segmentPath(directory, base: 0)) == segmentBefore)
            #expect(try fileBytes(directory + "/LOCK") == lockBefore)
            #expect(
                try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
                    == namesBefore)

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
        "another process cannot take the lock while a writer holds it; a lock it holds is refused with its pid",
        .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/python3"))
    )
    func crossProcess() throws {
        try withTemporaryDirectory { directory in
            let lockPath = directory + "/LOCK"
            let (log, _) = try SegmentedLog.open(directory: directory)
            #expect(try runLocker(lockPath, hold: false).status != 0)
            try log.close()
            #expect(try runLocker(lockPath, hold: false).status == 0)

            let holder = try runLocker(lockPath, hold: true)
            defer { holder.release() }
            #expect(throws: LogError.locked(path: lockPath, pid: holder.pid)) {
                try SegmentedLog.open(directory: directory)
            }
        }
    }

    @Test(
        "a child process that inherited the writer's descriptors does not hold the lock: the writer closes and opens again"
    )
    func inheritedDescriptorsHoldNoLock() throws {
        try withTemporaryDirectory { directory in
            let (log, _) = try SegmentedLog.open(directory: directory)
            // A child forked now holds copies of every descriptor, the lock file's among them, as a
            // child of `fork` or `posix_spawn` does until it calls `exec`.
            let child = try InheritingChild.start()
            defer { child.finish() }
            try log.close()
            let (again, _) = try SegmentedLog.open(directory: directory)
            try again.close()
        }
    }

    /// A process that tried to take the lock at `path` the way another implementation would
    /// (`lockf`, a POSIX record lock, without waiting).
    private struct Locker {
        let process: Process
        let input: Pipe

        var pid: Int32 { process.processIdentifier }
        var status: Int32 { process.terminationStatus }

        /// Lets a holding locker exit and waits for it.
        func release() {
            try? input.fileHandleForWriting.close()
            process.waitUntilExit()
        }
    }

    /// Runs a Python locker on `path`. With `hold` false it exits at once: status 0 when it got
    /// the lock. With `hold` true it returns once it holds the lock and keeps it until released.
    private func runLocker(_ path: String, hold: Bool) throws -> Locker {
        let script = """
            import fcntl, os, sys
            f = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o600)
            try:
                fcntl.lockf(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                sys.exit(1)
            if sys.argv[2] == "hold":
                print("held", flush=True)
                sys.stdin.read()
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", script, path, hold ? "hold" : "try"]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        let locker = Locker(process: process, input: input)
        if hold {
            let line = output.fileHandleForReading.availableData
            try #require(String(decoding: line, as: UTF8.self).hasPrefix("held"))
        } else {
            process.waitUntilExit()
        }
        return locker
    }
}

/// A forked child that does nothing but hold the descriptors it inherited until told to exit.
///
/// The child only blocks in `read` on a pipe and then calls `_exit`: both are async-signal-safe,
/// so the fork is safe in a multi-threaded test process.
private struct InheritingChild {
    let pid: pid_t
    let release: Int32

    static func start() throws -> InheritingChild {
        var ends: [Int32] = [0, 0]
        // Close-on-exec keeps the ends out of processes other tests spawn meanwhile, so the child
        // always sees end-of-file once this process lets go or dies.
        try #require(pipe(&ends) == 0)
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        let pid = fork()
        try #require(pid >= 0)
        if pid == 0 {
            close(ends[1])
            var byte: UInt8 = 0
            _ = read(ends[0], &byte, 1)
            _exit(0)
        }
        close(ends[0])
        return InheritingChild(pid: pid, release: ends[1])
    }

    /// Lets the child exit and reaps it.
    func finish() {
        close(release)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    }
}
