import KithControl
import KithSystem

/// Splits what a node sends on its control socket into lines, keeping what follows a line for
/// the next one.
package struct ControlLineReader {
    private var received: [UInt8] = []
    /// How many bytes at the start of `received` are known to hold no newline, so that a long
    /// line arriving in many pieces is searched once, not once per piece.
    private var searched = 0

    /// A reader that has received nothing yet.
    package init() {}

    /// The next line (without its newline); nil when the node closed the connection between
    /// lines.
    /// - Throws: ``ControlClientError/badResponse`` when the connection ends inside a line or a
    ///   line is too long; ``ControlClientError/timedOut`` after `deadline`; a `SystemCallError`.
    mutating func readLine(from socket: Socket, until deadline: UInt64) throws -> [UInt8]? {
        while true {
            if let line = try nextLine() { return line }
            guard let bytes = try socket.receive(maximumCount: 64 * 1024) else {
                try ControlClient.wait(for: .readable, on: socket, until: deadline)
                continue
            }
            guard !bytes.isEmpty else {
                if received.isEmpty { return nil }
                throw ControlClientError.badResponse
            }
            receive(bytes)
        }
    }

    /// Adds bytes read from the socket.
    package mutating func receive(_ bytes: [UInt8]) {
        received += bytes
    }

    /// The next complete line received (without its newline), removed from what is held; nil when
    /// no newline has arrived yet.
    /// - Throws: ``ControlClientError/badResponse`` when more than
    ///   ``ControlCoding/maximumResponseByteCount`` bytes are held without a newline.
    package mutating func nextLine() throws(ControlClientError) -> [UInt8]? {
        if let newline = received[searched...].firstIndex(of: 0x0a) {
            let line = Array(received[..<newline])
            received.removeSubrange(...newline)
            searched = 0
            return line
        }
        searched = received.count
        guard received.count <= ControlCoding.maximumResponseByteCount else {
            throw .badResponse
        }
        return nil
    }

    /// The bytes held after the last complete line.
    package var pending: [UInt8] { received }
}
