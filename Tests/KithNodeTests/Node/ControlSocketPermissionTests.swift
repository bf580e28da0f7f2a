import CKithSystem
import KithControl
import KithCore
import Testing

@testable import KithNode

#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

@Suite("Control socket: only its owner connects", .serialized)
struct ControlSocketPermissionTests {
    /// The `nobody` user and group.
    static let otherID: UInt32 = 65_534

    @Test(
        "another user cannot connect to control.sock (mode 0600); the owner can",
        .enabled(if: getuid() == 0, "needs root to run a child process as another user"))
    func refusesOtherUsers() async throws {
        try await withTemporaryDirectory { directory in
            let node = try TestNode.start(home: directory + "/node")
            let path = node.home + "/control.sock"
            var info = stat()
            #expect(lstat(path, &info) == 0)
            #expect(info.st_mode & S_IFMT == S_IFSOCK)
            #expect(info.st_mode & 0o7777 == 0o600)

            // Let the other user reach the socket file, so that its mode alone decides.
            #expect(chmod(directory, 0o755) == 0)
            #expect(chmod(node.home, 0o755) == 0)
            let outcome = try connectAsOtherUser(to: path)
            #expect(outcome == .refused(EACCES))

            #expect(try node.ask(ControlRequestFields(op: "status")).ok)
            #expect(await node.stop() == nil)
        }
    }

    /// What the child process reported.
    enum ChildOutcome: Equatable {
        /// It connected.
        case connected
        /// `connect` failed with this errno.
        case refused(Int32)
        /// It could not become the other user, or ended some other way (raw wait status).
        case failed(Int32)
    }

    /// Forks a child that becomes uid/gid 65534 with no supplementary groups and connects to
    /// the Unix socket at `path`. The child makes system calls only, then `_exit`s with 0 when
    /// connected, 100 + errno when `connect` failed, 1 when it could not change user.
    private func connectAsOtherUser(to path: String) throws -> ChildOutcome {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let pathBytes = Array(path.utf8)
        try #require(pathBytes.count < MemoryLayout.size(ofValue: address.sun_path))
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            for (index, byte) in pathBytes.enumerated() { buffer[index] = byte }
        }
        let length = socklen_t(MemoryLayout<sockaddr_un>.size)
        let child = fork()
        try #require(child >= 0)
        if child == 0 {
            guard setgroups(0, nil) == 0, setgid(Self.otherID) == 0, setuid(Self.otherID) == 0
            else { _exit(1) }
            let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
            guard descriptor >= 0 else { _exit(2) }
            let result = withUnsafePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(descriptor, $0, length)
                }
            }
            _exit(result == 0 ? 0 : 100 + min(errno, 150))
        }
        var status: Int32 = 0
        while waitpid(child, &status, 0) < 0 {
            try #require(errno == EINTR)
        }
        let exited = status & 0x7f == 0
        let code = (status >> 8) & 0xff
        guard exited else { return .failed(status) }
        switch code {
        case 0: return .connected
        case 100...: return .refused(code - 100)
        default: return .failed(status)
        }
    }
}
