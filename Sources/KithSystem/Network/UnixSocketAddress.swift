#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

/// The path of a Unix-domain socket: what `sockaddr_un` holds.
public struct UnixSocketAddress: Hashable, Sendable, CustomStringConvertible {
    /// The longest path `sockaddr_un` holds, in bytes (without the final NUL).
    public static let maximumPathByteCount = MemoryLayout.size(ofValue: sockaddr_un().sun_path) - 1

    /// The socket file's path.
    public let path: String

    /// The address of the socket file at `path`.
    /// - Throws: `ENAMETOOLONG` when the path does not fit in `sockaddr_un`.
    public init(path: String) throws(SystemCallError) {
        guard path.utf8.count <= Self.maximumPathByteCount, !path.utf8.contains(0) else {
            throw SystemCallError("sockaddr_un", code: .nameTooLong)
        }
        self.path = path
    }

    /// The path.
    public var description: String { path }

    /// Calls `body` with this address as a `sockaddr` pointer and its length.
    package func withSockaddr<Result>(_ body: (UnsafePointer<sockaddr>, socklen_t) -> Result)
        -> Result
    {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: Array(path.utf8))
        }
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                body($0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
    }
}

extension Socket {
    /// Binds a Unix-domain socket to `address`, creating its file. The corresponding C function
    /// is `bind`.
    public func bind(to address: UnixSocketAddress) throws(SystemCallError) {
        _ = try systemCall("bind") {
            address.withSockaddr { Glibc.bind(descriptor, $0, $1) }
        }
    }

    /// Starts connecting a Unix-domain socket to `address`. The corresponding C function is
    /// `connect`.
    public func connect(to address: UnixSocketAddress) throws(SystemCallError) -> ConnectProgress {
        let result = address.withSockaddr { Glibc.connect(descriptor, $0, $1) }
        if result == 0 { return .connected }
        let error = SystemCallError.current("connect")
        if error.code == .inProgress || error.code == .interrupted || error.wouldBlock {
            return .inProgress
        }
        throw error
    }
}
