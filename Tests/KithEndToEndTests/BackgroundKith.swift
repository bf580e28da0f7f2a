import Foundation
@_exported import KithTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A `kith` process left running in the background, its output going to files.
final class BackgroundKith: @unchecked Sendable {
    let process = Process()
    let outputPath: String
    let errorPath: String

    /// Where the test writes the process's standard input, when it asked for a pipe.
    let input: FileHandle?

    /// Starts `kith` with `arguments`; its output goes to `logs` + `.out` and `.err`. With
    /// `pipesInput`, its standard input is a pipe the test writes through ``input``; else empty.
    init(
        _ kith: KithBinary, _ arguments: [String], environment: [String: String], logs: String,
        pipesInput: Bool = false
    ) throws {
        outputPath = logs + ".out"
        errorPath = logs + ".err"
        _ = FileManager.default.createFile(atPath: outputPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errorPath, contents: nil)
        process.executableURL = kith.url
        process.arguments = arguments
        process.environment = environment
        if pipesInput {
            let pipe = Pipe()
            process.standardInput = pipe
            input = pipe.fileHandleForWriting
        } else {
            process.standardInput = FileHandle.nullDevice
            input = nil
        }
        process.standardOutput = FileHandle(forWritingAtPath: outputPath)
        process.standardError = FileHandle(forWritingAtPath: errorPath)
        try process.run()
    }

    var standardOutput: String { (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "" }
    var standardError: String { (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? "" }

    /// Starts `kith node` in `home` on loopback only (no multicast, no discovery port) and
    /// waits until its control socket answers.
    static func startNode(_ kith: KithBinary, home: String, space: ScratchSpace)
        async throws -> BackgroundKith
    {
        let environment = space.environment()
        let node = try BackgroundKith(
            kith,
            [
                "--home", home, "node", "--interface", "lo", "--no-multicast",
                "--discovery-port", "0",
            ], environment: environment, logs: space.path + "/node")
        try await waitUntil("the node's control socket", timeout: .seconds(60)) {
            let status = try await kith.run(["--home", home, "status"], environment: environment)
            return status.status == 0 || !node.process.isRunning
        }
        #expect(node.process.isRunning, "node exited: \(node.standardError)")
        return node
    }

    /// Ends the process (SIGKILL: a child of Foundation's Process may have SIGTERM blocked).
    func kill() {
        guard process.isRunning else { return }
        Glibc.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}
