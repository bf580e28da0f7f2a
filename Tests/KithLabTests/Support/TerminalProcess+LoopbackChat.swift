import Foundation

extension TerminalProcess {
    /// Starts `kith chat` on a pseudo-terminal with a fresh home in `home`, its node on loopback
    /// only (no multicast, no discovery port): needs no namespace.
    static func startLoopbackChat(home: URL) throws -> TerminalProcess {
        try TerminalProcess.start(
            executable: try KithTools.kith().path,
            arguments: [
                "chat", "--home", home.path, "--interface", "lo", "--no-multicast",
                "--discovery-port", "0",
            ],
            environment: ["PATH": "/usr/bin:/bin", "TERM": "xterm", "LC_ALL": "C.UTF-8"])
    }
}
