#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

extension Socket {
    /// Sends as much of `bytes` as the socket takes now on a connected stream: the number of
    /// bytes sent, or nil when it would block. Never raises SIGPIPE: a closed peer is an
    /// `EPIPE` error. The corresponding C function is `send(MSG_NOSIGNAL)`.
    public func send(_ bytes: UnsafeRawBufferPointer) throws(SystemCallError) -> Int? {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return 0 }
        return try nonblockingCall("send") {
            Glibc.send(descriptor, base, bytes.count, Int32(MSG_NOSIGNAL))
        }
    }

    /// Sends as much of `bytes` as the socket takes now (see ``send(_:)-(UnsafeRawBufferPointer)``):
    /// the number sent, or nil when it would block.
    public func send(_ bytes: [UInt8]) throws(SystemCallError) -> Int? {
        let result = bytes.withUnsafeBytes { buffer in
            Result { () throws(SystemCallError) in try send(buffer) }
        }
        return try result.get()
    }

    /// Receives up to `buffer.count` bytes from a connected stream: the number read (0 at end of
    /// file), or nil when nothing is there. The corresponding C function is `recv`.
    public func receive(into buffer: UnsafeMutableRawBufferPointer) throws(SystemCallError) -> Int?
    {
        guard let base = buffer.baseAddress, !buffer.isEmpty else { return 0 }
        return try nonblockingCall("recv") { recv(descriptor, base, buffer.count, 0) }
    }

    /// Receives up to `maximumCount` bytes from a connected stream: the bytes (empty at end of
    /// file), or nil when nothing is there.
    public func receive(maximumCount: Int) throws(SystemCallError) -> [UInt8]? {
        // Uninitialized: the kernel writes what it reads, and nothing else is kept (zeroing
        // 64 KiB for every read of a few hundred bytes was most of its cost).
        var outcome: Result<Int?, SystemCallError> = .success(nil)
        let bytes = [UInt8](unsafeUninitializedCapacity: max(maximumCount, 0)) { buffer, count in
            outcome = Result { () throws(SystemCallError) in
                try receive(into: UnsafeMutableRawBufferPointer(buffer))
            }
            count = (try? outcome.get()).flatMap { $0 } ?? 0
        }
        guard try outcome.get() != nil else { return nil }
        return bytes
    }

    /// Sends one datagram to `address`: true when sent, false when the socket buffer is full.
    /// The corresponding C function is `sendto(MSG_NOSIGNAL)`.
    public func send(_ datagram: [UInt8], to address: SocketAddress) throws(SystemCallError) -> Bool
    {
        let sent = try nonblockingCall("sendto") {
            datagram.withUnsafeBytes { bytes in
                address.withSockaddr {
                    sendto(
                        descriptor, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL), $0, $1)
                }
            }
        }
        return sent != nil
    }
}
