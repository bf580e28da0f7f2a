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

    /// A fresh home directory path under the temporary directory (not created), named after
    /// `label`, for one test's chat.
    static func temporaryChatHome(_ label: String) -> URL {
        FileManager.default.temporaryDirectory
            .appendingPathComponent("kith-\(label)-\(UUID().uuidString)")
    }

    /// Runs `body` with `kith chat` started by ``startLoopbackChat(home:)`` in a fresh home and
    /// showing its welcome line; closes the terminal and removes the home afterwards. With
    /// `files`, the home is created first (owner only) holding those files (name: contents).
    static func withLoopbackChat(
        _ label: String, files: [String: String] = [:],
        _ body: (TerminalProcess) async throws -> Void
    ) async throws {
        let home = temporaryChatHome(label)
        defer { try? FileManager.default.removeItem(at: home) }
        if !files.isEmpty {
            try FileManager.default.createDirectory(
                at: home, withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700])
            for (name, contents) in files {
                try Data(contents.utf8).write(to: home.appendingPathComponent(name))
            }
        }
        let chat = try startLoopbackChat(home: home)
        defer { chat.close() }
        try await chat.waitForScreen(timeout: .seconds(30), "the welcome line") {
            $0.allLines.contains { $0.hasPrefix("-- you are anonymous (") }
        }
        try await body(chat)
    }
}
