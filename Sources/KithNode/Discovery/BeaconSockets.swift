import KithSystem

#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

/// The two UDP sockets of discovery, one per family, bound to the discovery port on every
/// address: they receive multicast beacons of the groups joined and unicast beacons alike, and
/// send both. Several nodes of one host can bind the same port (`SO_REUSEPORT`).
final class BeaconSockets {
    /// The IPv4 socket, if the host has IPv4.
    private(set) var ipv4: Socket?
    /// The IPv6 socket (IPv6 only, not dual-stack), if the host has IPv6.
    private(set) var ipv6: Socket?
    /// The port both are bound to.
    let port: UInt16

    private init(ipv4: Socket?, ipv6: Socket?, port: UInt16) {
        self.ipv4 = ipv4
        self.ipv6 = ipv6
        self.port = port
    }

    /// Opens and binds the sockets on `port` (0: a free port, the same for both families). A
    /// family the host does not have is left out.
    /// - Throws: the IPv4 socket's error when neither family could be opened.
    static func open(port: UInt16) throws(SystemCallError) -> BeaconSockets {
        var attemptsLeft = port == 0 ? 8 : 1
        while true {
            attemptsLeft -= 1
            let ipv4 = Result { () throws(SystemCallError) in try makeSocket(.ipv4, port: port) }
            var boundPort = port
            if case .success(let socket) = ipv4 {
                boundPort = (try? socket.localAddress().port) ?? port
            }
            let ipv6 = Result { () throws(SystemCallError) in try makeSocket(.ipv6, port: boundPort)
            }
            switch (ipv4, ipv6) {
            case (.success(let ipv4), .success(let ipv6)):
                return BeaconSockets(ipv4: ipv4, ipv6: ipv6, port: boundPort)
            case (.success(let ipv4), .failure(let error)):
                // A free port chosen for IPv4 may be taken for IPv6: try another.
                if port == 0, error.code == .addressInUse, attemptsLeft > 0 {
                    ipv4.close()
                    continue
                }
                return BeaconSockets(ipv4: ipv4, ipv6: nil, port: boundPort)
            case (.failure, .success(let ipv6)):
                let ipv6Port = (try? ipv6.localAddress().port) ?? port
                return BeaconSockets(ipv4: nil, ipv6: ipv6, port: ipv6Port)
            case (.failure(let error), .failure):
                throw error
            }
        }
    }

    private static func makeSocket(_ family: SocketAddress.Family, port: UInt16)
        throws(SystemCallError)
        -> Socket
    {
        let socket = try Socket.make(family, .datagram)
        do {
            try socket.setReusesAddress(true)
            try socket.setReusesPort(true)
            if family == .ipv6 { try socket.setIPv6Only(true) }
            try socket.setReceivesPacketInfo(family)
            try socket.setMulticastHops(family, 1)
            try socket.setMulticastLoop(family, true)
            // Only the groups this socket joined, on its own interfaces.
            try? socket.setReceivesAllMulticast(family, false)
            try socket.bind(to: family == .ipv4 ? .anyIPv4(port: port) : .anyIPv6(port: port))
            return socket
        } catch {
            socket.close()
            throw error
        }
    }

    /// The socket of `family`.
    func socket(for family: SocketAddress.Family) -> Socket? {
        family == .ipv4 ? ipv4 : ipv6
    }

    /// Joins `group` on the link's interface.
    func join(_ group: SocketAddress, on link: MulticastLink) throws(SystemCallError) {
        guard let socket = socket(for: link.family) else {
            throw SystemCallError("socket", code: .addressFamilyNotSupported)
        }
        try socket.joinGroup(group, interfaceIndex: link.interfaceIndex)
    }

    /// Leaves `group` on the link's interface (errors ignored: the interface may be gone).
    func leave(_ group: SocketAddress, on link: MulticastLink) {
        try? socket(for: link.family)?.leaveGroup(group, interfaceIndex: link.interfaceIndex)
    }

    /// Sends `datagram` to `group` out of the link's interface. False when the socket buffer is
    /// full.
    func sendMulticast(_ datagram: [UInt8], to group: SocketAddress, on link: MulticastLink)
        throws(SystemCallError) -> Bool
    {
        guard let socket = socket(for: link.family) else {
            throw SystemCallError("socket", code: .addressFamilyNotSupported)
        }
        try socket.setMulticastInterface(
            link.family, interfaceIndex: link.interfaceIndex, source: link.source)
        return try socket.send(datagram, to: group.withPort(port))
    }

    /// Sends `datagram` to `address` by unicast. False when the socket buffer is full.
    func sendUnicast(_ datagram: [UInt8], to address: SocketAddress) throws(SystemCallError) -> Bool
    {
        guard let socket = socket(for: address.family) else {
            throw SystemCallError("socket", code: .addressFamilyNotSupported)
        }
        return try socket.send(datagram, to: address)
    }

    /// Closes both sockets.
    func close() {
        ipv4?.close()
        ipv6?.close()
        ipv4 = nil
        ipv6 = nil
    }
}
