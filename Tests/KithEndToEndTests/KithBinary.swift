import Dispatch
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A built Kith executable (`kith`, `kith-log`) that end-to-end tests run as a child process.
///
/// The binaries are found by ``BuiltProducts`` (KithTestSupport), next to the test runner; set
/// `KITH_BINARY_DIR` to look somewhere else first.
struct KithBinary: Sendable {
    /// Where the executable is.
    let url: URL

    /// The `kith` executable.
    static func kith() throws -> KithBinary { try locate("kith") }

    /// The `kith-log` executable.
    static func kithLog() throws -> KithBinary { try locate("kith-log") }

    /// What a run produced.
    struct Result: Sendable, CustomStringConvertible {
        /// The exit status (for a process killed by a signal: 128 + the signal number).
        let status: Int32
        /// Everything written to standard output, decoded as UTF-8.
        let standardOutput: String
        /// Everything written to standard error, decoded as UTF-8.
        let standardError: String

        /// The standard output split into lines, without the final empty one.
        var outputLines: [String] {
            standardOutput.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(
                String.init)
        }

        var description: String {
            "exit \(status)\n--- stdout ---\n\(standardOutput)--- stderr ---\n\(standardError)"
        }
    }

    /// Why a binary could not be found or run.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Finds the executable `name` in the products directory of this test run.
    static func locate(_ name: String) throws -> KithBinary {
        guard let found = BuiltProducts.locate(name) else {
            throw Failure(
                description: "cannot find the '\(name)' executable; looked in:\n"
                    + BuiltProducts.candidates(for: name).map { "  " + $0.path }.joined(
                        separator: "\n")
                    + "\nBuild it first (swift build) or set \(BuiltProducts.directoryVariable).")
        }
        return KithBinary(url: found)
    }

    /// Runs the executable and waits for it to exit.
    ///
    /// - Parameters:
    ///   - arguments: The command line after the program name.
    ///   - environment: The child's whole environment (nothing is inherited).
    ///   - standardInput: Text for the child's standard input; nil connects `/dev/null`.
    ///   - timeout: How long the child may run. After that it is killed and the call throws, so a
    ///     hang fails the test instead of blocking CI.
    func run(
        _ arguments: [String],
        environment: [String: String],
        standardInput: String? = nil,
        timeout: Duration = .seconds(60)
    ) async throws -> Result {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        process.environment = environment
        let outputPipe = Pipe()
        let errorPipe = Pipe()
        process.standardOutput = outputPipe
        process.standardError = errorPipe
        let inputPipe = standardInput.map { _ in Pipe() }
        process.standardInput = inputPipe ?? FileHandle.nullDevice

        let exit = ExitSignal()
        process.terminationHandler = { finished in
            exit.fire(finished.terminationStatus, finished.terminationReason)
        }
        try process.run()
        let processID = process.processIdentifier

        // Read both streams to the end concurrently, so a child filling one pipe never blocks.
        let output = Self.readToEnd(outputPipe.fileHandleForReading)
        let errors = Self.readToEnd(errorPipe.fileHandleForReading)
        if let inputPipe, let standardInput {
            Self.ignoreBrokenPipes()
            let writer = inputPipe.fileHandleForWriting
            DispatchQueue.global().async {
                try? writer.write(contentsOf: Data(standardInput.utf8))
                try? writer.close()
            }
        }

        let killer = Task {
            do { try await Task.sleep(for: timeout) } catch { return false }
            kill(processID, SIGKILL)
            return true
        }
        let (status, reason) = await exit.wait()
        killer.cancel()
        let timedOut = await killer.value
        let result = Result(
            status: reason == .uncaughtSignal ? 128 + status : status,
            standardOutput: String(decoding: await output.value, as: UTF8.self),
            standardError: String(decoding: await errors.value, as: UTF8.self)
        )
        if timedOut {
            throw Failure(
                description:
                    "\(url.lastPathComponent) \(arguments) did not finish within \(timeout); killed.\n\(result)"
            )
        }
        return result
    }

    /// Reads `handle` to its end on a background thread.
    private static func readToEnd(_ handle: FileHandle) -> Task<Data, Never> {
        Task.detached {
            await withCheckedContinuation { continuation in
                DispatchQueue.global().async {
                    let data = (try? handle.readToEnd()) ?? Data()
                    continuation.resume(returning: data)
                }
            }
        }
    }

    /// Writing to a child that exited must fail with EPIPE, not kill the test process.
    private static func ignoreBrokenPipes() {
        signal(SIGPIPE, SIG_IGN)
    }
}

/// Delivers a process's exit, reported once from Foundation's termination handler, to one waiter.
private final class ExitSignal: @unchecked Sendable {
    private let lock = NSLock()
    private var exit: (Int32, Process.TerminationReason)?
    private var waiter: CheckedContinuation<(Int32, Process.TerminationReason), Never>?

    func fire(_ status: Int32, _ reason: Process.TerminationReason) {
        lock.lock()
        let waiting = waiter
        waiter = nil
        if waiting == nil { exit = (status, reason) }
        lock.unlock()
        waiting?.resume(returning: (status, reason))
    }

    func wait() async -> (Int32, Process.TerminationReason) {
        await withCheckedContinuation { continuation in
            lock.lock()
            if let exit {
                lock.unlock()
                continuation.resume(returning: exit)
            } else {
                waiter = continuation
                lock.unlock()
            }
        }
    }
}

/// A fresh directory for one test, with an environment that keeps the child away from the real
/// home: `HOME` points inside the directory and no Kith or XDG variable is inherited.
struct ScratchSpace: Sendable {
    /// The directory.
    let path: String

    /// Creates a new directory under the system's temporary directory.
    init() throws {
        path =
            FileManager.default.temporaryDirectory.appendingPathComponent(
                "kith-e2e-\(UUID().uuidString)"
            )
            .path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
    }

    /// `HOME` inside the scratch space, `PATH` for basic tools, and `extra` on top.
    func environment(_ extra: [String: String] = [:]) -> [String: String] {
        ["HOME": path + "/user-home", "PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8"]
            .merging(extra) { _, new in new }
    }

    /// Removes the directory and everything in it.
    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// Runs `body` with a new scratch space, removed afterwards.
func withScratchSpace<T>(_ body: (ScratchSpace) async throws -> T) async throws -> T {
    let space = try ScratchSpace()
    defer { space.remove() }
    return try await body(space)
}
