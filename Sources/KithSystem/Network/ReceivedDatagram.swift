/// One datagram read from a UDP socket, with where it came from and how it arrived.
public struct ReceivedDatagram: Sendable, Equatable {
    /// The datagram's bytes (at most the size asked for).
    public let bytes: [UInt8]
    /// The sender's address; for an IPv6 link-local sender, scoped to the arrival interface.
    public let source: SocketAddress
    /// The index of the interface it arrived on; 0 when the socket does not report it.
    public let interfaceIndex: UInt32
    /// Whether it was sent to a multicast group (false for a unicast datagram, or unknown).
    public let wasMulticast: Bool
    /// Whether it was longer than the size asked for (its bytes are then cut short).
    public let wasTruncated: Bool

    /// A datagram as `recvmsg` reported it (or as a test makes one up).
    package init(
        bytes: [UInt8], source: SocketAddress, interfaceIndex: UInt32, wasMulticast: Bool,
        wasTruncated: Bool
    ) {
        self.bytes = bytes
        self.source = source
        self.interfaceIndex = interfaceIndex
        self.wasMulticast = wasMulticast
        self.wasTruncated = wasTruncated
    }
}
