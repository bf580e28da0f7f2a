import CKithSystem

#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

extension Socket {
    /// Receives one datagram of up to `maximumCount` bytes with its source, arrival interface and
    /// destination kind (these need ``setReceivesPacketInfo(_:)``), or nil when none is waiting.
    /// A longer datagram is reported as truncated.
    /// The corresponding C function is `recvmsg`.
    public func receiveDatagram(maximumCount: Int) throws(SystemCallError) -> ReceivedDatagram? {
        var buffer = [UInt8](repeating: 0, count: maximumCount + 1)
        var control = [UInt8](repeating: 0, count: kith_packet_info_space())
        var storage = sockaddr_storage()
        var interfaceIndex: UInt32 = 0
        var multicast: Int32 = 0
        var flags: Int32 = 0
        let count = try nonblockingCall("recvmsg") {
            buffer.withUnsafeMutableBytes { bufferBytes in
                control.withUnsafeMutableBytes { controlBytes in
                    withUnsafeMutablePointer(to: &storage) { storagePointer in
                        var vector = iovec(
                            iov_base: bufferBytes.baseAddress, iov_len: bufferBytes.count)
                        return withUnsafeMutablePointer(to: &vector) { vectorPointer in
                            var message = msghdr()
                            message.msg_name = UnsafeMutableRawPointer(storagePointer)
                            message.msg_namelen = socklen_t(MemoryLayout<sockaddr_storage>.size)
                            message.msg_iov = vectorPointer
                            message.msg_iovlen = 1
                            message.msg_control = controlBytes.baseAddress
                            message.msg_controllen = controlBytes.count
                            let received = recvmsg(descriptor, &message, 0)
                            if received >= 0 {
                                kith_read_packet_info(&message, &interfaceIndex, &multicast)
                                flags = message.msg_flags
                            }
                            return received
                        }
                    }
                }
            }
        }
        guard let count else { return nil }
        guard let source = SocketAddress(storage: storage) else {
            throw SystemCallError("recvmsg", code: .addressFamilyNotSupported)
        }
        let truncated = count > maximumCount || flags & Int32(MSG_TRUNC) != 0
        return ReceivedDatagram(
            bytes: Array(buffer.prefix(min(count, maximumCount))), source: source.unmapped,
            interfaceIndex: interfaceIndex, wasMulticast: multicast != 0, wasTruncated: truncated)
    }
}
