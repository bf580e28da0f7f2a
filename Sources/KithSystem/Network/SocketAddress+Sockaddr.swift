import CKithSystem

#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

extension SocketAddress {
    /// Reads a `sockaddr_in` or `sockaddr_in6` from `storage`; nil for any other family.
    package init?(storage: sockaddr_storage) {
        var storage = storage
        let family = Int32(storage.ss_family)
        if family == AF_INET {
            let address = withUnsafeBytes(of: &storage) { $0.load(as: sockaddr_in.self) }
            let bytes = withUnsafeBytes(of: address.sin_addr) { Array($0) }
            self.init(unchecked: bytes, port: UInt16(bigEndian: address.sin_port), scopeID: 0)
        } else if family == AF_INET6 {
            let address = withUnsafeBytes(of: &storage) { $0.load(as: sockaddr_in6.self) }
            let bytes = withUnsafeBytes(of: address.sin6_addr) { Array($0) }
            self.init(
                unchecked: bytes, port: UInt16(bigEndian: address.sin6_port),
                scopeID: address.sin6_scope_id)
        } else {
            return nil
        }
    }

    /// Calls `body` with this address as a `sockaddr` pointer and its length, for `bind`,
    /// `connect` and `sendto`.
    package func withSockaddr<Result>(_ body: (UnsafePointer<sockaddr>, socklen_t) -> Result)
        -> Result
    {
        switch family {
        case .ipv4:
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = port.bigEndian
            withUnsafeMutableBytes(of: &address.sin_addr) { $0.copyBytes(from: addressBytes) }
            return withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    body($0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
        case .ipv6:
            var address = sockaddr_in6()
            address.sin6_family = sa_family_t(AF_INET6)
            address.sin6_port = port.bigEndian
            address.sin6_scope_id = scopeID
            withUnsafeMutableBytes(of: &address.sin6_addr) { $0.copyBytes(from: addressBytes) }
            return withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    body($0, socklen_t(MemoryLayout<sockaddr_in6>.size))
                }
            }
        }
    }

    /// Calls `body` with an empty `sockaddr_storage` for a call to fill (`accept`, `recvfrom`,
    /// `getsockname`) and reads the address it left there.
    package static func filling(
        _ body: (UnsafeMutablePointer<sockaddr>, UnsafeMutablePointer<socklen_t>) -> Int32
    ) -> (result: Int32, address: SocketAddress?) {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let result = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, &length) }
        }
        return (result, result == -1 ? nil : SocketAddress(storage: storage))
    }
}
