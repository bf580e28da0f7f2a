import Foundation
import Glibc

/// Where the lab's tools are and whether this machine can run the lab.
enum LabEnvironment {
    /// `tools/lab/lab.sh`, found from this source file's place in the repository, or from
    /// `KITH_LAB_SCRIPT`.
    static var scriptURL: URL {
        if let path = ProcessInfo.processInfo.environment["KITH_LAB_SCRIPT"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        return URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // Support
            .deletingLastPathComponent()  // KithLabTests
            .deletingLastPathComponent()  // Tests
            .deletingLastPathComponent()  // repository
            .appendingPathComponent("tools/lab/lab.sh")
    }

    /// `tools/lab/labnet.py`: probes (ping, TCP, multicast) to run inside lab hosts.
    static var probeScriptURL: URL {
        scriptURL.deletingLastPathComponent().appendingPathComponent("labnet.py")
    }

    /// bash, which runs `lab.sh`.
    static let bash: URL? = executable(named: "bash")

    /// python3, which runs the probes: the system's own when there is one.
    static let python3: URL? = {
        let system = URL(fileURLWithPath: "/usr/bin/python3")
        if FileManager.default.isExecutableFile(atPath: system.path) { return system }
        return executable(named: "python3")
    }()

    /// Why the lab cannot run here, or nil when it can (root, `ip`, bash and the script present).
    static let unavailableReason: String? = {
        if geteuid() != 0 {
            return "the network lab needs root (network namespaces); it runs in CI"
        }
        if executable(named: "ip") == nil { return "the network lab needs iproute2 (`ip`)" }
        if bash == nil { return "the network lab needs bash" }
        if !FileManager.default.isExecutableFile(atPath: scriptURL.path) {
            return "the lab script is missing at \(scriptURL.path)"
        }
        return nil
    }()

    /// Finds an executable in PATH, then in the usual system directories.
    static func executable(named name: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let directories =
            path.split(separator: ":").map(String.init) + [
                "/usr/sbin", "/sbin", "/usr/bin", "/bin",
            ]
        for directory in directories where !directory.isEmpty {
            let candidate = URL(fileURLWithPath: directory).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }
}
