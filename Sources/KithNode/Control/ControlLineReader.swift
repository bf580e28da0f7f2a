import KithControl
import KithSystem

/// Reads the lines a node sends on its control socket, blocking until each one is whole (the
/// splitting itself is ``ControlLineSplitter``'s).
package struct ControlLineReader {
    private var splitter = ControlLineSplitter()

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
                if splitter.heldByteCount == 0 { return nil }
                throw ControlClientError.badResponse
            }
            receive(bytes)
        }
    }

    /// Adds bytes read from the socket.
    package mutating func receive(_ bytes: [UInt8]) {
        splitter.append(bytes)
    }

    /// The next complete line received (without its newline), removed from what is held; nil when
    /// no newline has arrived yet.
    /// - Throws: ``ControlClientError/badResponse`` when more than
    ///   ``ControlCoding/maximumResponseByteCount`` bytes are held without a newline.
    package mutating func nextLine() throws(ControlClientError) -> [UInt8]? {
        do {
            return try splitter.nextLine().map(Array.init)
        } catch {
            throw .badResponse
        }
    }
}
