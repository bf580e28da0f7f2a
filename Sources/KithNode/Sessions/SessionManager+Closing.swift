import KithCore
import KithMesh
import KithSystem

#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

extension SessionManager {
    /// Closes the connection gracefully: sends what is queued, shuts down its direction, and
    /// waits (at most the grace period) for the peer to close too; nothing more is queued and
    /// what arrives is dropped. A connection still in its handshake, or one that broke, is closed
    /// at once.
    func close(_ handle: PeerHandle, reason: String) {
        guard let connection = connections[handle] else { return }
        switch connection.state {
        case .closing:
            return
        case .established(let session) where session.brokenReason == nil:
            connection.state = .closing(session.closing(reason: reason))
        case .connecting, .handshaking, .established:
            finishClosing(connection, reason: reason)
            return
        }
        if let timer = connection.timer { loop.cancel(timer) }
        connection.timer = loop.schedule(after: configuration.closeGracePeriod) {
            [unowned self] in
            guard let connection = self.connections[handle] else { return }
            connection.timer = nil
            self.finishClosing(connection, reason: nil)
        }
        flush(connection)
    }

    /// Closes the connection at once, dropping what is queued.
    func abort(_ connection: Connection, reason: String) {
        finishClosing(connection, reason: reason)
    }

    /// Closes the socket, forgets the connection and tells the delegate why (the reason given
    /// when closing began wins).
    func finishClosing(_ connection: Connection, reason: String?) {
        guard connections.removeValue(forKey: connection.handle) != nil else { return }
        let finalReason: String
        if case .closing(let closing) = connection.state {
            finalReason = closing.reason
        } else {
            finalReason = reason ?? "closed"
        }
        if let timer = connection.timer { loop.cancel(timer) }
        connection.timer = nil
        loop.unregister(connection.socket.descriptor)
        connection.socket.close()
        delegate?.connectionClosed(connection, reason: finalReason)
    }

    /// A closing connection reads and drops what still arrives until the peer closes too, so
    /// that closing with unread data (which resets the connection) cannot destroy the goodbye.
    func discardInput(_ connection: Connection) {
        for _ in 0..<16 {
            let bytes: [UInt8]?
            do {
                bytes = try connection.socket.receive(maximumCount: 64 * 1024)
            } catch {
                finishClosing(connection, reason: nil)
                return
            }
            guard let bytes else { return }
            if bytes.isEmpty {
                finishClosing(connection, reason: nil)
                return
            }
        }
    }
}
