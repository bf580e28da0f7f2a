import Foundation
import KithTestSupport

/// Raw beacon datagrams captured and sent by a tiny Python script inside a lab host, for playing
/// an attacker on the LAN: it records beacons from the discovery group and sends arbitrary bytes
/// to the group or to a node's discovery port. Every socket is bound to the named lab interface
/// (`SO_BINDTODEVICE`), which exists only inside the lab host's namespace, and multicast goes out
/// with TTL 1.
enum BeaconProbe {
    /// The IPv4 discovery group (discovery.md).
    static let ipv4Group = "239.255.107.105"
    /// The discovery port.
    static let port = 27_497

    /// One datagram heard on the group.
    struct Capture: Sendable {
        /// Its bytes.
        var bytes: [UInt8]
        /// Its source address.
        var source: String
    }

    /// Joins the IPv4 group on `host`'s link to `bridge` and records `count` datagrams.
    static func capture(
        in lab: Lab, host: String, bridge: String, count: Int, timeoutSeconds: Int = 20
    ) async throws -> [Capture] {
        let output = try await lab.run(
            host: host,
            try command([
                "capture", ipv4Group, String(port), Lab.interfaceName(bridge: bridge),
                String(count), String(timeoutSeconds),
            ]))
        return output.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: " ")
            guard fields.count == 2, let bytes = TestHex.decode(String(fields[0])) else {
                return nil
            }
            return Capture(bytes: bytes, source: String(fields[1]))
        }
    }

    /// Sends each of `datagrams` from `host`'s link to `bridge` to `target` (the group or a
    /// node's IPv4 address) on the discovery port, then listens `listenSeconds` for answers on the
    /// sending socket and returns how many came.
    @discardableResult
    static func send(
        _ datagrams: [[UInt8]], in lab: Lab, host: String, bridge: String, to target: String,
        listenSeconds: Int = 0
    ) async throws -> Int {
        let output = try await lab.run(
            host: host,
            try command(
                [
                    "send", target, String(port), Lab.interfaceName(bridge: bridge),
                    String(listenSeconds),
                ] + datagrams.map(TestHex.encode)))
        guard let line = output.split(separator: "\n").last(where: { $0.hasPrefix("answers ") }),
            let answers = Int(line.dropFirst("answers ".count))
        else {
            throw SystemTestFailure(summary: "the beacon probe said: \(output)", details: [])
        }
        return answers
    }

    /// A datagram with the beacon header ("KB", version 1) and `length - 3` random bytes: the
    /// right shape, but sealed with no community's key.
    static func forgedBeacon(length: Int = 101) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return [0x4b, 0x42, 0x01]
            + (3..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }

    private static func command(_ arguments: [String]) throws(LabError) -> [String] {
        guard let python3 = LabEnvironment.python3 else {
            throw .launchFailed(command: ["python3"], reason: "python3 is not installed")
        }
        return [python3.path, "-c", script] + arguments
    }

    private static let script = #"""
        import select, socket, struct, sys, time
        def mreqn(group, index):
            any_address = socket.inet_aton("0.0.0.0")
            return struct.pack("=4s4si", socket.inet_aton(group), any_address, index)
        def sock_on(interface):
            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.setsockopt(socket.SOL_SOCKET, socket.SO_BINDTODEVICE, interface.encode())
            index = socket.if_nametoindex(interface)
            s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_IF, mreqn("0.0.0.0", index))
            s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_TTL, 1)
            return s, index
        command, target, port, interface = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
        if command == "capture":
            count, timeout = int(sys.argv[5]), float(sys.argv[6])
            s, index = sock_on(interface)
            s.bind(("0.0.0.0", port))
            s.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP, mreqn(target, index))
            deadline = time.monotonic() + timeout
            got = 0
            while got < count and time.monotonic() < deadline:
                ready, _, _ = select.select([s], [], [], max(0, deadline - time.monotonic()))
                if ready:
                    data, sender = s.recvfrom(65536)
                    print(data.hex(), sender[0], flush=True)
                    got += 1
            sys.exit(0 if got == count else 1)
        elif command == "send":
            listen = float(sys.argv[5])
            s, _ = sock_on(interface)
            s.bind(("0.0.0.0", 0))
            for datagram in sys.argv[6:]:
                s.sendto(bytes.fromhex(datagram), (target, port))
            answers = 0
            deadline = time.monotonic() + listen
            while time.monotonic() < deadline:
                ready, _, _ = select.select([s], [], [], max(0, deadline - time.monotonic()))
                if ready:
                    s.recvfrom(65536)
                    answers += 1
            print("answers", answers, flush=True)
        """#
}
