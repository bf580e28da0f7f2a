import CKithSystem

#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

extension SocketAddress {
    /// Parses a numeric address: `192.0.2.1`, `2001:db8::1`, or a scoped IPv6 address
    /// `fe80::1%eth0` / `fe80::1%2` (interface name or index). Nil when `text` is not one, or
    /// names an interface that does not exist.
    /// The corresponding C functions are `inet_pton` and `if_nametoindex`.
    public init?(numericHost text: String, port: UInt16) {
        var hostPart = Substring(text)
        var scope: UInt32 = 0
        if let percent = text.firstIndex(of: "%") {
            hostPart = text[..<percent]
            let scopeText = String(text[text.index(after: percent)...])
            guard !scopeText.isEmpty else { return nil }
            if let number = UInt32(scopeText) {
                scope = number
            } else {
                scope = if_nametoindex(scopeText)
                guard scope != 0 else { return nil }
            }
        }
        var ipv4 = in_addr()
        if scope == 0, inet_pton(AF_INET, String(hostPart), &ipv4) == 1 {
            self.init(
                unchecked: withUnsafeBytes(of: ipv4) { Array($0) }, port: port, scopeID: 0)
            return
        }
        var ipv6 = in6_addr()
        guard inet_pton(AF_INET6, String(hostPart), &ipv6) == 1 else { return nil }
        self.init(unchecked: withUnsafeBytes(of: ipv6) { Array($0) }, port: port, scopeID: scope)
    }

    /// Splits `HOST`, `HOST:PORT`, `[IPV6]` or `[IPV6]:PORT` (an IPv6 address without brackets
    /// has no port) into host and port; the port is `defaultPort` when absent. Nil when the port
    /// is not a number from 1 to 65,535 or the host is empty.
    public static func splitHostAndPort(_ text: String, defaultPort: UInt16) -> (
        host: String, port: UInt16
    )? {
        var host = text
        var portText: String?
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { return nil }
            host = String(text[text.index(after: text.startIndex)..<close])
            let rest = text[text.index(after: close)...]
            if !rest.isEmpty {
                guard rest.hasPrefix(":") else { return nil }
                portText = String(rest.dropFirst())
            }
        } else if text.filter({ $0 == ":" }).count == 1, let colon = text.firstIndex(of: ":") {
            host = String(text[..<colon])
            portText = String(text[text.index(after: colon)...])
        }
        guard !host.isEmpty else { return nil }
        guard let portText else { return (host, defaultPort) }
        guard let port = UInt16(portText), port != 0 else { return nil }
        return (host, port)
    }

    /// The addresses `host` resolves to (a numeric address, or a name the system resolver
    /// knows), with `port`. Blocks while the resolver works: call it before the node's loop runs.
    /// The corresponding C function is `getaddrinfo`.
    public static func resolve(host: String, port: UInt16) -> [SocketAddress] {
        if let numeric = SocketAddress(numericHost: host, port: port) { return [numeric] }
        var hints = addrinfo()
        hints.ai_socktype = Socket.Kind.datagram.rawValue
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, nil, &hints, &list) == 0, let first = list else { return [] }
        defer { freeaddrinfo(first) }
        var addresses: [SocketAddress] = []
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let node = cursor {
            if let raw = node.pointee.ai_addr {
                var storage = sockaddr_storage()
                let length = min(Int(node.pointee.ai_addrlen), MemoryLayout<sockaddr_storage>.size)
                withUnsafeMutableBytes(of: &storage) {
                    $0.copyMemory(from: UnsafeRawBufferPointer(start: raw, count: length))
                }
                if let address = SocketAddress(storage: storage)?.withPort(port),
                    !addresses.contains(address)
                {
                    addresses.append(address)
                }
            }
            cursor = node.pointee.ai_next
        }
        return addresses
    }
}
