import Foundation

/// The built `kith` and `kith-log` executables, and a way to run them to completion in the test's
/// own namespace: they only touch files (a home, its log, its control socket), never the network.
enum KithTools {
    /// `kith`, found by `KithBinary`.
    static func kith() throws(LabError) -> URL {
        try KithBinary.locate()
    }

    /// `kith-log`, built beside `kith`.
    static func kithLog() throws(LabError) -> URL {
        let url = try kith().deletingLastPathComponent().appendingPathComponent("kith-log")
        guard FileManager.default.isExecutableFile(atPath: url.path) else {
            throw .binaryNotFound(name: "kith-log", searched: [url.path])
        }
        return url
    }

    /// True when both executables are built.
    static var areBuilt: Bool { (try? kithLog()) != nil }

    private static let runner: CommandRunner = {
        var environment = ProcessInfo.processInfo.environment
        environment["KITH_HOME"] = nil
        return CommandRunner(environment: environment)
    }()

    /// Runs `kith` with `arguments` and returns the result, whatever its status.
    static func runKith(_ arguments: [String]) async throws(LabError) -> LabCommandResult {
        try await runner.run(try kith(), arguments)
    }

    /// Runs `kith-log` with `arguments` and returns the result, whatever its status.
    static func runKithLog(_ arguments: [String]) async throws(LabError) -> LabCommandResult {
        try await runner.run(try kithLog(), arguments)
    }
}
