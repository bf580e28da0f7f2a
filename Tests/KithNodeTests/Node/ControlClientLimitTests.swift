import KithControl
import KithCore
import KithSystem
import Testing

@testable import KithNode

#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

/// The control socket serves 8 clients at once (control.md): clients that hold a connection
/// without asking must not lock the owner out, and a newcomer turned away is told why.
@Suite("Control socket client limit", .serialized)
struct ControlClientLimitTests {
    @Test("eight idle clients do not lock others out: the one quiet longest makes room")
    func idleClientsMakeRoom() async throws {
        try await withTemporaryDirectory { directory in
            let node = try TestNode.start(home: directory + "/node")
            var idle: [ControlTestConnection] = []
            for _ in 0..<ControlServer.maximumClients {
                var connection = try ControlTestConnection(home: node.home)
                // One answer each proves the node accepted it; then it says nothing more.
                try connection.send(ControlRequestFields(op: "status"))
                #expect(try connection.response().ok)
                idle.append(connection)
            }
            defer { for connection in idle { connection.close() } }
            let answer = try node.ask(ControlRequestFields(op: "status"))
            #expect(answer.ok)
            // The first connection was quiet longest: the node closed it.
            #expect(try Self.readsEndOfFile(idle[0].socket))
            #expect(await node.stop() == nil)
        }
    }

    @Test("when all eight clients are busy, a newcomer gets an error line, not a silent close")
    func busyClientsRefuseNewcomerWithReason() async throws {
        try await withTemporaryDirectory { directory in
            let node = try TestNode.start(home: directory + "/node")
            var busy: [ControlTestConnection] = []
            for _ in 0..<ControlServer.maximumClients {
                var connection = try ControlTestConnection(home: node.home)
                try connection.send(ControlRequestFields(op: "status"))
                #expect(try connection.response().ok)
                // Half a request: the node is reading one from this client.
                _ = try connection.socket.send(Array("{\"op\":".utf8))
                busy.append(connection)
            }
            defer { for connection in busy { connection.close() } }
            // Let the loop read the half requests (it reads a readable socket at its next turn).
            usleep(300_000)
            var newcomer = try ControlTestConnection(home: node.home)
            defer { newcomer.close() }
            let refusal = try newcomer.response()
            #expect(!refusal.ok)
            #expect(refusal.error?.contains("serving 8 clients") == true)
            #expect(await node.stop() == nil)
        }
    }

    /// Whether the peer closed `socket` (a read returns end of file within 10 seconds).
    private static func readsEndOfFile(_ socket: Socket) throws -> Bool {
        while true {
            try waitForSocket(socket, .readable)
            guard let bytes = try socket.receive(maximumCount: 4096) else { continue }
            if bytes.isEmpty { return true }
        }
    }
}
