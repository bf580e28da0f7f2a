import KithControl
import KithSystem

#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

/// Why a control request got no answer.
public enum ControlClientError: Error, Sendable, CustomStringConvertible {
    /// No node serves the socket (no file, or nobody listening).
    case notRunning(path: String)
    /// The socket failed.
    case failed(SystemCallError)
    /// The node did not answer in time.
    case timedOut
    /// The answer was not a control response.
    case badResponse

    /// A sentence for the user.
    public var description: String {
        switch self {
        case .notRunning(let path): "no node is running (nothing answers at \(path))"
        case .failed(let error): "control socket: \(error)"
        case .timedOut: "the node did not answer in time"
        case .badResponse: "the node's answer could not be read"
        }
    }
}

/// Asks a running node over its control socket (Protocol/control.md). Blocking: for commands,
/// not for the node itself.
public enum ControlClient {
    /// Sends `request` to the node serving `socketPath` and returns its answer, waiting at most
    /// `timeoutMilliseconds` in all.
    public static func send(
        _ request: ControlRequest, socketPath: String, timeoutMilliseconds: UInt64 = 5_000
    ) throws(ControlClientError) -> ControlResponse {
        try send(
            line: request.line, socketPath: socketPath, timeoutMilliseconds: timeoutMilliseconds)
    }

    /// Sends one request line as it is (``ControlRequestFields/line`` for one no typed request
    /// can be) and returns the node's answer, waiting at most `timeoutMilliseconds` in all.
    public static func send(
        line requestLine: [UInt8], socketPath: String, timeoutMilliseconds: UInt64 = 5_000
    ) throws(ControlClientError) -> ControlResponse {
        let deadline = SystemClock.monotonicMilliseconds() + timeoutMilliseconds
        let socket = try connect(to: socketPath, until: deadline)
        defer { socket.close() }
        do {
            try sendAll(requestLine, on: socket, until: deadline)
            var reader = ControlLineReader()
            guard let line = try reader.readLine(from: socket, until: deadline),
                let response = ControlResponse(line: line)
            else {
                throw ControlClientError.badResponse
            }
            return response
        } catch let error as ControlClientError {
            throw error
        } catch let error as SystemCallError {
            throw .failed(error)
        } catch {
            throw .badResponse
        }
    }

    /// Connects to the node serving `socketPath`, waiting at most `timeoutMilliseconds` (a
    /// Unix-domain connect waits only while the node's accept backlog is full): a nonblocking
    /// socket for a client that polls it, such as `kith chat`'s loop. The caller closes it.
    public static func open(socketPath: String, timeoutMilliseconds: UInt64 = 3_000)
        throws(ControlClientError) -> Socket
    {
        try connect(
            to: socketPath,
            until: SystemClock.monotonicMilliseconds() + timeoutMilliseconds)
    }

    /// Connects to the node serving `socketPath`.
    static func connect(to socketPath: String, until deadline: UInt64) throws(ControlClientError)
        -> Socket
    {
        let socket: Socket
        do {
            let address = try UnixSocketAddress(path: socketPath)
            socket = try Socket.makeUnix(.stream)
            do {
                if try socket.connect(to: address) == .inProgress {
                    try wait(for: .writable, on: socket, until: deadline)
                    if let error = try socket.pendingError() { throw error }
                }
            } catch {
                socket.close()
                throw error
            }
        } catch let error as ControlClientError {
            throw error
        } catch let error as SystemCallError {
            if error.code == .noSuchFileOrDirectory || error.code == .connectionRefused {
                throw .notRunning(path: socketPath)
            }
            throw .failed(error)
        } catch {
            throw .badResponse
        }
        return socket
    }

    static func sendAll(_ bytes: [UInt8], on socket: Socket, until deadline: UInt64)
        throws
    {
        var output = OutputBuffer()
        output.append(bytes)
        while !output.isEmpty {
            _ = try output.drain { chunk throws(SystemCallError) in try socket.send(chunk) }
            if !output.isEmpty { try wait(for: .writable, on: socket, until: deadline) }
        }
    }

    /// Waits until `socket` is ready for `events`; a `deadline` of `UInt64.max` waits for ever.
    static func wait(for events: PollEvents, on socket: Socket, until deadline: UInt64) throws {
        while true {
            let now = SystemClock.monotonicMilliseconds()
            guard now < deadline else { throw ControlClientError.timedOut }
            var descriptors = [pollfd(fd: socket.descriptor, events: events.rawValue, revents: 0)]
            if try Poll.wait(&descriptors, timeoutMilliseconds: Int32(min(deadline - now, 60_000)))
                > 0
            {
                return
            }
        }
    }
}
