import KithControl
import KithCore
import KithSystem
import Testing

@testable import KithNode

#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

@Suite("Control socket", .serialized)
struct ControlSocketTests {
    @Test("status and peers answer over the socket; an unknown op is refused; stop removes it")
    func answersRequests() async throws {
        try await withTemporaryDirectory { directory in
            let node = try TestNode.start(home: directory + "/node")
            let path = node.home + "/control.sock"
            var info = stat()
            #expect(lstat(path, &info) == 0)
            #expect(info.st_mode & 0o777 == 0o600)

            let status = try ControlClient.send(
                ControlRequestFields(op: "status"), socketPath: path)
            #expect(status.ok)
            #expect(status.status?.publicKey == node.key.publicKey.hex)
            #expect(status.status?.sessionPort == node.node.sessionPort)
            #expect(status.status?.entryCount == 0)

            let peers = try ControlClient.send(ControlRequestFields(op: "peers"), socketPath: path)
            #expect(peers.ok)
            #expect(peers.peers == [])

            let refused = try ControlClient.send(
                ControlRequestFields(op: "reboot"), socketPath: path)
            #expect(!refused.ok)
            #expect(refused.error != nil)

            #expect(await node.stop() == nil)
            #expect(throws: ControlClientError.self) {
                try ControlClient.send(ControlRequestFields(op: "status"), socketPath: path)
            }
            #expect(lstat(path, &info) != 0)
        }
    }

    @Test("a second node in the same home is refused while the first runs")
    func refusesSecondNode() async throws {
        try await withTemporaryDirectory { directory in
            let first = try TestNode.start(home: directory + "/node")
            #expect(throws: (any Error).self) {
                _ = try TestNode.start(home: first.home)
            }
            #expect(await first.stop() == nil)
        }
    }

    @Test("a malformed request line gets an error answer, not a crash")
    func answersMalformedRequests() async throws {
        try await withTemporaryDirectory { directory in
            let node = try TestNode.start(home: directory + "/node")
            let socket = try Socket.makeUnix(.stream)
            defer { socket.close() }
            _ = try socket.connect(to: UnixSocketAddress(path: node.home + "/control.sock"))
            let request = Array("not json\n".utf8)
            _ = try socket.send(request)
            var received: [UInt8] = []
            while !received.contains(0x0a) {
                try waitForSocket(socket, .readable)
                let bytes = try #require(try socket.receive(maximumCount: 4096))
                #expect(!bytes.isEmpty)
                if bytes.isEmpty { break }
                received += bytes
            }
            let response = ControlResponse(line: received.prefix { $0 != 0x0a })
            #expect(response?.ok == false)
            #expect(await node.stop() == nil)
        }
    }
}
