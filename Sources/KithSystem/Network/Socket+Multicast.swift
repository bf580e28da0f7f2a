#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

extension Socket {
    /// Joins the multicast `group` on the interface with index `interfaceIndex`.
    /// The corresponding C function is `setsockopt(IP_ADD_MEMBERSHIP / IPV6_JOIN_GROUP)`.
    public func joinGroup(_ group: SocketAddress, interfaceIndex: UInt32) throws(SystemCallError) {
        try changeMembership(group, interfaceIndex: interfaceIndex, join: true)
    }

    /// Leaves the multicast `group` on the interface with index `interfaceIndex`.
    /// The corresponding C function is `setsockopt(IP_DROP_MEMBERSHIP / IPV6_LEAVE_GROUP)`.
    public func leaveGroup(_ group: SocketAddress, interfaceIndex: UInt32) throws(SystemCallError) {
        try changeMembership(group, interfaceIndex: interfaceIndex, join: false)
    }

    private func changeMembership(_ group: SocketAddress, interfaceIndex: UInt32, join: Bool)
        throws(SystemCallError)
    {
        switch group.family {
        case .ipv4:
            var request = ip_mreqn()
            withUnsafeMutableBytes(of: &request.imr_multiaddr) {
                $0.copyBytes(from: group.addressBytes)
            }
            request.imr_ifindex = Int32(bitPattern: interfaceIndex)
            try setOption(
                level: Int32(IPPROTO_IP), name: join ? IP_ADD_MEMBERSHIP : IP_DROP_MEMBERSHIP,
                request,
                call: join ? "setsockopt(IP_ADD_MEMBERSHIP)" : "setsockopt(IP_DROP_MEMBERSHIP)")
        case .ipv6:
            var request = ipv6_mreq()
            withUnsafeMutableBytes(of: &request.ipv6mr_multiaddr) {
                $0.copyBytes(from: group.addressBytes)
            }
            request.ipv6mr_interface = interfaceIndex
            try setOption(
                level: Int32(IPPROTO_IPV6), name: join ? IPV6_JOIN_GROUP : IPV6_LEAVE_GROUP,
                request, call: join ? "setsockopt(IPV6_JOIN_GROUP)" : "setsockopt(IPV6_LEAVE_GROUP)"
            )
        }
    }

    /// Names the interface multicast datagrams leave by: its index, and for IPv4 the source
    /// address to use (one of the interface's own; without it loopback sends from 0.0.0.0).
    /// The corresponding C function is `setsockopt(IP_MULTICAST_IF / IPV6_MULTICAST_IF)`.
    public func setMulticastInterface(
        _ family: SocketAddress.Family, interfaceIndex: UInt32, source: SocketAddress? = nil
    ) throws(SystemCallError) {
        switch family {
        case .ipv4:
            var request = ip_mreqn()
            request.imr_ifindex = Int32(bitPattern: interfaceIndex)
            if let source, source.family == .ipv4 {
                withUnsafeMutableBytes(of: &request.imr_address) {
                    $0.copyBytes(from: source.addressBytes)
                }
            }
            try setOption(
                level: Int32(IPPROTO_IP), name: IP_MULTICAST_IF, request,
                call: "setsockopt(IP_MULTICAST_IF)")
        case .ipv6:
            try setOption(
                level: Int32(IPPROTO_IPV6), name: IPV6_MULTICAST_IF, interfaceIndex,
                call: "setsockopt(IPV6_MULTICAST_IF)")
        }
    }

    /// The TTL (IPv4) or hop limit (IPv6) of multicast datagrams; 1 keeps them on the link.
    public func setMulticastHops(_ family: SocketAddress.Family, _ hops: Int32)
        throws(SystemCallError)
    {
        switch family {
        case .ipv4: try setOption(level: Int32(IPPROTO_IP), name: IP_MULTICAST_TTL, hops)
        case .ipv6: try setOption(level: Int32(IPPROTO_IPV6), name: IPV6_MULTICAST_HOPS, hops)
        }
    }

    /// Whether multicast datagrams sent are also delivered to sockets of this host (other nodes
    /// on the same machine hear them).
    public func setMulticastLoop(_ family: SocketAddress.Family, _ enabled: Bool)
        throws(SystemCallError)
    {
        let value = Int32(enabled ? 1 : 0)
        switch family {
        case .ipv4: try setOption(level: Int32(IPPROTO_IP), name: IP_MULTICAST_LOOP, value)
        case .ipv6: try setOption(level: Int32(IPPROTO_IPV6), name: IPV6_MULTICAST_LOOP, value)
        }
    }

    /// `IP_MULTICAST_ALL` / `IPV6_MULTICAST_ALL`: false delivers only the groups this socket
    /// joined on the interfaces it joined them on, not those other sockets of the host joined.
    public func setReceivesAllMulticast(_ family: SocketAddress.Family, _ enabled: Bool)
        throws(SystemCallError)
    {
        let value = Int32(enabled ? 1 : 0)
        switch family {
        case .ipv4: try setOption(level: Int32(IPPROTO_IP), name: IP_MULTICAST_ALL, value)
        case .ipv6: try setOption(level: Int32(IPPROTO_IPV6), name: IPV6_MULTICAST_ALL, value)
        }
    }
}
