#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

extension Socket {
    /// Sets a socket option to `value`, a plain C value (an integer or a C struct, never one
    /// holding references). The corresponding C function is `setsockopt`.
    package func setOption<Value>(
        level: Int32, name: Int32, _ value: Value, call: String = "setsockopt"
    ) throws(SystemCallError) {
        _ = try withUnsafeBytes(of: value) { bytes throws(SystemCallError) in
            try systemCall(call) {
                setsockopt(descriptor, level, name, bytes.baseAddress, socklen_t(bytes.count))
            }
        }
    }

    /// `SO_REUSEADDR`: binding a port again while old connections linger is allowed.
    public func setReusesAddress(_ enabled: Bool) throws(SystemCallError) {
        try setOption(level: SOL_SOCKET, name: SO_REUSEADDR, Int32(enabled ? 1 : 0))
    }

    /// `SO_REUSEPORT`: several sockets (several nodes on one host) may bind the same UDP port;
    /// each receives every multicast datagram, while a unicast one goes to only one of them.
    public func setReusesPort(_ enabled: Bool) throws(SystemCallError) {
        try setOption(level: SOL_SOCKET, name: SO_REUSEPORT, Int32(enabled ? 1 : 0))
    }

    /// `IPV6_V6ONLY`: false makes an IPv6 socket dual-stack (IPv4 peers appear as
    /// `::ffff:a.b.c.d`).
    public func setIPv6Only(_ enabled: Bool) throws(SystemCallError) {
        try setOption(level: Int32(IPPROTO_IPV6), name: IPV6_V6ONLY, Int32(enabled ? 1 : 0))
    }

    /// `TCP_NODELAY`: frames go out at once instead of waiting to be coalesced.
    public func setNoDelay(_ enabled: Bool) throws(SystemCallError) {
        try setOption(level: Int32(IPPROTO_TCP), name: TCP_NODELAY, Int32(enabled ? 1 : 0))
    }

    /// `IP_PKTINFO` / `IPV6_RECVPKTINFO`: received datagrams report their arrival interface and
    /// destination address (see ``receiveDatagram(maximumCount:)``).
    public func setReceivesPacketInfo(_ family: SocketAddress.Family) throws(SystemCallError) {
        switch family {
        case .ipv4: try setOption(level: Int32(IPPROTO_IP), name: IP_PKTINFO, Int32(1))
        case .ipv6:
            try setOption(level: Int32(IPPROTO_IPV6), name: IPV6_RECVPKTINFO, Int32(1))
        }
    }
}
