/// Splits what a node sends on its control socket into lines, keeping what follows a line for
/// the next one.
struct ControlLineReader {
    private var received: [UInt8] = []

    /// The next line (without its newline); nil when the node closed the connection between
    /// lines.
    /// - Throws: ``ControlClientError/badResponse`` when the connection ends inside a line or a
    ///   line is too long; ``ControlClientError/timedOut`` after `deadline`; a `PosixError`.
    mutating func readLine(from socket: Socket, until deadline: UInt64) throws -> [UInt8]? {
        while true {
            if let newline = received.firstIndex(of: 0x0a) {
                let line = Array(received[..<newline])
                received.removeSubrange(...newline)
                return line
            }
            guard received.count <= ControlCoding.maximumResponseByteCount else {
                throw ControlClientError.badResponse
            }
            guard let bytes = try socket.receive(maximumCount: 64 * 1024) else {
                try ControlClient.wait(for: .readable, on: socket, until: deadline)
                continue
            }
            guard !bytes.isEmpty else {
                if received.isEmpty { return nil }
                throw ControlClientError.badResponse
            }
            received += bytes
        }
    }
}
