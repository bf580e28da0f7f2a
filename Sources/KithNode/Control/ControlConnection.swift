import KithControl
import KithSystem

#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

/// One connection to a node's control socket kept for many requests, answered in order
/// (Protocol/control.md: a client may send several requests on one connection): what a chat asks
/// through. Blocking, and for one thread at a time.
public final class ControlConnection {
    /// The node's control socket.
    public let socketPath: String
    private var socket: Socket?
    private var reader = ControlLineReader()
    /// When the connection last carried a request (monotonic milliseconds).
    private var lastUsed: UInt64 = 0

    /// How long a connection may stay unused before the next request opens a new one: less than
    /// the node's idle timeout (30 s), after which the node closes it.
    static let reuseMilliseconds: UInt64 = 20_000

    /// A connection to the node at `socketPath`, opened by the first request.
    public init(socketPath: String) {
        self.socketPath = socketPath
    }

    deinit { socket?.close() }

    /// Sends `request` and returns the node's answer, waiting at most `timeoutMilliseconds`.
    /// A failure closes the connection; the next request opens a new one.
    public func ask(_ request: ControlRequest, timeoutMilliseconds: UInt64 = 5_000)
        throws(ControlClientError) -> ControlResponse
    {
        let now = SystemClock.monotonicMilliseconds()
        let deadline = now + timeoutMilliseconds
        if socket != nil, now - lastUsed > Self.reuseMilliseconds { close() }
        let socket: Socket
        if let open = self.socket {
            socket = open
        } else {
            socket = try ControlClient.connect(to: socketPath, until: deadline)
            self.socket = socket
        }
        lastUsed = now
        do {
            try ControlClient.sendAll(request.line, on: socket, until: deadline)
            guard let line = try reader.readLine(from: socket, until: deadline),
                let response = ControlResponse(line: line)
            else { throw ControlClientError.badResponse }
            return response
        } catch {
            close()
            switch error {
            case let error as ControlClientError: throw error
            case let error as SystemCallError: throw .failed(error)
            default: throw .badResponse
            }
        }
    }

    /// Closes the connection, if open.
    public func close() {
        socket?.close()
        socket = nil
        reader = ControlLineReader()
    }
}
