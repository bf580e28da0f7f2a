import CKithSystem

#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

/// A nonblocking, close-on-exec socket descriptor with thin typed wrappers over the calls a node
/// makes. Every failure is a thrown ``SystemCallError``; calls interrupted by a signal are retried; a
/// call that would block returns nil instead. The socket is a plain value: closing it is the
/// owner's job, once.
public struct Socket: Hashable, Sendable, CustomStringConvertible {
    /// What the socket carries.
    public enum Kind: Sendable {
        /// UDP datagrams.
        case datagram
        /// A TCP (or Unix) byte stream.
        case stream

        package var rawValue: Int32 {
            switch self {
            case .datagram: Int32(SOCK_DGRAM.rawValue)
            case .stream: Int32(SOCK_STREAM.rawValue)
            }
        }
    }

    /// What a nonblocking ``connect(to:)`` did.
    public enum ConnectProgress: Sendable, Equatable {
        /// Connected at once (loopback sometimes does).
        case connected
        /// In progress: wait until the socket is writable, then read ``pendingError()``.
        case inProgress
    }

    /// The C descriptor.
    public let descriptor: Int32

    /// Wraps a descriptor the caller owns.
    public init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// `socket#N`.
    public var description: String { "socket#\(descriptor)" }

    /// A new nonblocking IPv4 or IPv6 socket.
    /// The corresponding C function is `socket`.
    public static func make(_ family: SocketAddress.Family, _ kind: Kind) throws(SystemCallError)
        -> Socket
    {
        try make(domain: family.rawValue, kind)
    }

    /// A new nonblocking Unix-domain socket.
    public static func makeUnix(_ kind: Kind) throws(SystemCallError) -> Socket {
        try make(domain: AF_UNIX, kind)
    }

    private static func make(domain: Int32, _ kind: Kind) throws(SystemCallError) -> Socket {
        let flags = Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        let descriptor = try systemCall("socket") { socket(domain, kind.rawValue | flags, 0) }
        return Socket(descriptor: descriptor)
    }

    /// Binds the socket to `address`. The corresponding C function is `bind`.
    public func bind(to address: SocketAddress) throws(SystemCallError) {
        _ = try systemCall("bind") {
            address.withSockaddr { Glibc.bind(descriptor, $0, $1) }
        }
    }

    /// Starts accepting connections. The corresponding C function is `listen`.
    public func listen(backlog: Int32 = 64) throws(SystemCallError) {
        _ = try systemCall("listen") { Glibc.listen(descriptor, backlog) }
    }

    /// Accepts one pending connection as a nonblocking socket with the peer's address, or returns
    /// nil when none is pending. The corresponding C function is `accept4`.
    public func accept() throws(SystemCallError) -> (socket: Socket, peer: SocketAddress?)? {
        while true {
            let (result, peer) = SocketAddress.filling {
                kith_accept_nonblocking(descriptor, $0, $1)
            }
            if result >= 0 { return (Socket(descriptor: result), peer?.unmapped) }
            let error = SystemCallError.current("accept")
            if error.code == .interrupted || error.code == .connectionAborted { continue }
            if error.wouldBlock { return nil }
            throw error
        }
    }

    /// Starts connecting to `address`. The corresponding C function is `connect`.
    public func connect(to address: SocketAddress) throws(SystemCallError) -> ConnectProgress {
        let result = address.withSockaddr { Glibc.connect(descriptor, $0, $1) }
        if result == 0 { return .connected }
        let error = SystemCallError.current("connect")
        if error.code == .inProgress || error.code == .interrupted { return .inProgress }
        throw error
    }

    /// The error a nonblocking connect ended with (`SO_ERROR`), or nil when it connected.
    /// The corresponding C function is `getsockopt(SO_ERROR)`.
    public func pendingError() throws(SystemCallError) -> SystemCallError? {
        var value: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        _ = try systemCall("getsockopt") {
            getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &value, &length)
        }
        return value == 0 ? nil : SystemCallError("connect", code: Errno(rawValue: value))
    }

    /// The address the socket is bound to. The corresponding C function is `getsockname`.
    public func localAddress() throws(SystemCallError) -> SocketAddress {
        let (result, address) = SocketAddress.filling { getsockname(descriptor, $0, $1) }
        guard result == 0 else { throw SystemCallError.current("getsockname") }
        guard let address else {
            throw SystemCallError("getsockname", code: .addressFamilyNotSupported)
        }
        return address
    }

    /// Closes the write direction, so the peer reads end of file once it has read everything.
    /// The corresponding C function is `shutdown(SHUT_WR)`.
    public func shutdownWriting() throws(SystemCallError) {
        _ = try systemCall("shutdown") { shutdown(descriptor, Int32(SHUT_WR)) }
    }

    /// Closes the descriptor. Never retried: on Linux the descriptor is released even when
    /// `close` reports `EINTR`. The corresponding C function is `close`.
    public func close() {
        _ = Glibc.close(descriptor)
    }
}
