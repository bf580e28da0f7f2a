import Foundation

/// Where the executables this package builds (`kith`, `kith-log`) are, for tests that run them
/// as child processes: the one locator of every test target.
///
/// SwiftPM builds them into the same products directory as the test runner
/// (`.build/<triple>/debug`, or the `--scratch-path` equivalent), so the search starts in the
/// directory of the running test binary. `KITH_BINARY_DIR` names a directory to look in first.
public enum BuiltProducts {
    /// The variable naming a directory searched first.
    public static let directoryVariable = "KITH_BINARY_DIR"

    /// The places `name` is looked for, most likely first, each once.
    public static func candidates(for name: String) -> [URL] {
        var directories: [URL] = []
        if let override = ProcessInfo.processInfo.environment[directoryVariable], !override.isEmpty
        {
            directories.append(URL(fileURLWithPath: override))
        }
        // Linux: the test runner is itself an executable in the products directory.
        if let executable = try? FileManager.default.destinationOfSymbolicLink(
            atPath: "/proc/self/exe")
        {
            directories.append(URL(fileURLWithPath: executable).deletingLastPathComponent())
        }
        if let executable = Bundle.main.executableURL {
            directories.append(executable.resolvingSymlinksInPath().deletingLastPathComponent())
        }
        // macOS: the .xctest bundle sits in the products directory.
        for bundle in Bundle.allBundles where bundle.bundleURL.pathExtension == "xctest" {
            directories.append(bundle.bundleURL.deletingLastPathComponent())
        }
        // Last: the default build directories of this package.
        let packageRoot = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        for configuration in ["debug", "release"] {
            directories.append(packageRoot.appendingPathComponent(".build/\(configuration)"))
        }
        var seen = Set<String>()
        return directories.filter { seen.insert($0.standardizedFileURL.path).inserted }
            .map { $0.appendingPathComponent(name) }
    }

    /// The executable `name`, or nil when no candidate holds it.
    public static func locate(_ name: String) -> URL? {
        candidates(for: name).first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }
}
