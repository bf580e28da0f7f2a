import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A connection to a node's control socket that writes request lines and reads answer lines.
private struct ControlLineConnection: ~Copyable {
    private let descriptor: Int32
    private var pending: [UInt8] = []

    init(path: String) throws {
        descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw KithBinary.Failure(description: "socket: \(errno)") }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
            close(descriptor)
            throw KithBinary.Failure(description: "socket path too long: \(path)")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
        }
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard connected == 0 else {
            close(descriptor)
            throw KithBinary.Failure(description: "connect \(path): \(errno)")
        }
    }

    deinit { close(descriptor) }

    /// Writes all of `bytes`.
    func send(_ bytes: [UInt8]) throws {
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes {
                write(descriptor, $0.baseAddress, $0.count)
            }
            guard count > 0 else { throw KithBinary.Failure(description: "write: \(errno)") }
            sent += count
        }
    }

    /// The next answer line as a JSON object, or nil when the node closed the connection.
    mutating func answer() throws -> [String: Any]? {
        while true {
            if let newline = pending.firstIndex(of: 0x0a) {
                let line = Array(pending[..<newline])
                pending.removeSubrange(...newline)
                return try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any]
            }
            var chunk = [UInt8](repeating: 0, count: 65_536)
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { return nil }
            pending += chunk[..<count]
        }
    }
}

/// Group commit (Protocol/control.md, "Posting"): posts a client sends together share one
/// fdatasync, and none is answered before it is durable, which a real `kill -9` of the node at
/// random moments checks.
@Suite("Group commit of posts, under kill -9", .serialized)
struct GroupCommitCrashTests {
    private static func postLine(_ text: String) -> [UInt8] {
        Array("{\"op\":\"post\",\"text\":\"\(text)\"}\n".utf8)
    }

    @Test("pipelined posts share fdatasyncs, and every post answered survives a kill -9")
    func answeredPostsSurviveKills() async throws {
        let kith = try KithBinary.kith()
        try await withScratchSpace { space in
            let home = space.path + "/node"
            var acknowledged: Set<String> = []
            var generator = SystemRandomNumberGenerator()
            let burst = 300
            for round in 0..<6 {
                let node = try await BackgroundKith.startNode(kith, home: home, space: space)
                var connection = try ControlLineConnection(path: home + "/control.sock")
                try connection.send(
                    (0..<burst).flatMap { Self.postLine("round \(round) post \($0)") })
                // Kill the node after reading some of the answers, while it is still posting.
                let answersBeforeKill = Int.random(in: 0..<burst, using: &generator)
                for _ in 0..<answersBeforeKill {
                    guard let answer = try connection.answer() else { break }
                    #expect(answer["ok"] as? Bool == true, "\(answer)")
                    let entry = answer["entry"] as? [String: Any]
                    if let text = entry?["text"] as? String { acknowledged.insert(text) }
                }
                node.kill()
                try CrashRecoveryTests.checkLog(home: home, mustContain: acknowledged)
            }
            // A last burst, read to the end: the node shared fdatasyncs among the posts.
            let node = try await BackgroundKith.startNode(kith, home: home, space: space)
            defer { node.kill() }
            var connection = try ControlLineConnection(path: home + "/control.sock")
            try connection.send((0..<burst).flatMap { Self.postLine("last post \($0)") })
            var sequences: [Int] = []
            for _ in 0..<burst {
                let answer = try #require(try connection.answer())
                let entry = try #require(answer["entry"] as? [String: Any])
                sequences.append(try #require(entry["sequence"] as? Int))
            }
            // Answered in order, one sequence after another.
            #expect(sequences == Array(sequences[0]..<(sequences[0] + burst)))
            try connection.send(Array("{\"op\":\"status\"}\n".utf8))
            let status = try #require(try connection.answer()?["status"] as? [String: Any])
            let traffic = try #require(status["traffic"] as? [String: Any])
            let signed = try #require(traffic["own_entries_signed"] as? Int)
            let syncs = try #require(traffic["log_syncs"] as? Int)
            #expect(signed == burst)
            #expect(syncs < signed, "\(syncs) fdatasyncs for \(signed) posts")
        }
    }
}
