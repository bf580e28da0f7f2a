import KithControl
import KithCore
import KithSystem
import Testing

@testable import KithNode

/// A raw connection to a node's control socket that keeps reading lines: for `tail`.
struct ControlTestConnection {
    let socket: Socket
    var reader = ControlLineReader()

    /// Connects to the control socket in `home`.
    init(home: String) throws {
        socket = try Socket.makeUnix(.stream)
        _ = try socket.connect(to: UnixSocketAddress(path: home + "/control.sock"))
    }

    /// Sends `request` as one line.
    func send(_ request: ControlRequestFields) throws {
        let bytes = request.line
        var sent = 0
        while sent < bytes.count {
            if let count = try socket.send(Array(bytes[sent...])) {
                sent += count
            } else {
                try waitForSocket(socket, .writable)
            }
        }
    }

    /// The next line, decoded; fails after 10 seconds without one.
    mutating func response() throws -> ControlResponse {
        let deadline = SystemClock.monotonicMilliseconds() + 10_000
        let line = try #require(try reader.readLine(from: socket, until: deadline))
        return try #require(ControlResponse(line: line))
    }

    /// The next `tail` line whose entry has the id `id`, skipping others.
    mutating func entry(withID id: String) throws -> ControlEntry {
        while true {
            if let entry = try response().entry, entry.id == id { return entry }
        }
    }

    /// Closes the connection.
    func close() { socket.close() }
}

extension TestNode {
    /// Sends `request` to this node's control socket and returns the answer (waiting at most
    /// `timeoutMilliseconds`: a debug build on a loaded CI machine is slow).
    func ask(_ request: ControlRequestFields, timeoutMilliseconds: UInt64 = 5_000) throws
        -> ControlResponse
    {
        try ControlClient.send(
            request, socketPath: home + "/control.sock", timeoutMilliseconds: timeoutMilliseconds)
    }
}

extension ControlClient {
    /// Sends the line of `fields` (a request a typed one may not be: the tests of refusals) and
    /// returns the answer.
    static func send(
        _ fields: ControlRequestFields, socketPath: String, timeoutMilliseconds: UInt64 = 5_000
    ) throws(ControlClientError) -> ControlResponse {
        try send(
            line: fields.line, socketPath: socketPath, timeoutMilliseconds: timeoutMilliseconds)
    }
}

extension TestNode {
    /// Three nodes in a line, alice - carol - bob, homes under `directory`: alice and bob reach
    /// each other only through carol. Returns once both have their session with carol.
    static func startRelayLine(in directory: String) async throws -> (
        alice: TestNode, carol: TestNode, bob: TestNode
    ) {
        let carol = try TestNode.start(home: directory + "/carol")
        let bob = try TestNode.start(home: directory + "/bob") {
            $0.discovery.staticPeers = [carol.discoveryAddress]
        }
        let alice = try TestNode.start(home: directory + "/alice") {
            $0.discovery.staticPeers = [carol.discoveryAddress]
        }
        try await waitUntil("alice and bob each have a session with carol") {
            let aliceUp = await alice.hasSession(with: carol)
            let bobUp = await bob.hasSession(with: carol)
            return aliceUp && bobUp
        }
        return (alice, carol, bob)
    }
}
