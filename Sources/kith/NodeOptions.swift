import Foundation
import KithCommandLine
import KithMesh
import KithNode
import KithSystem

/// The options shared by `kith node` and `kith chat`: where to listen, which interfaces, which
/// static peers, how much to log.
struct NodeOptions: Sendable {
    static let interface = Option<String>(
        "interface", short: "i", valueName: "NAME", isRepeatable: true,
        help: "Use only this interface for discovery (`lo` only this way). "
            + "Default: every interface that is up and supports multicast.")
    static let peer = Option<String>(
        "peer", valueName: "HOST[:PORT]", isRepeatable: true,
        help: "Also send beacons by unicast to this host's discovery port (default 27497), for "
            + "peers multicast does not reach. Also read from <home>/peers, one per line.")
    static let port = OptionWithDefault<UInt16>(
        "port", short: "p", valueName: "N", defaultValue: 0,
        help: "Accept sessions on TCP port N (0: any free port; beacons carry it).")
    static let discoveryPort = OptionWithDefault<UInt16>(
        "discovery-port", valueName: "N", defaultValue: BeaconMulticast.port,
        help: "Send and receive beacons on UDP port N (0: any free port, for static peers only).")
    static let noMulticast = Flag(
        "no-multicast",
        help:
            "Do not use multicast: discover only the --peer hosts, send and read no entry datagrams."
    )
    static let verbose = Flag("verbose", short: "v", help: "Log details: dials, handshakes, drops.")

    /// The declarations, for a command's configuration.
    static var all: [any DeclaredOption] {
        [interface, peer, port, discoveryPort, noMulticast, verbose]
    }

    let interfaceNames: [String]
    let peers: [String]
    let sessionPort: UInt16
    let discoveryPort: UInt16
    let usesMulticast: Bool
    let isVerbose: Bool
    /// Whether any option that shapes the node (not `--verbose`) was given.
    let wereGiven: Bool

    init(arguments: ParsedArguments) throws(UsageError) {
        interfaceNames = arguments.values(of: Self.interface)
        peers = arguments.values(of: Self.peer)
        sessionPort = arguments.value(of: Self.port)
        discoveryPort = arguments.value(of: Self.discoveryPort)
        usesMulticast = !arguments.isSet(Self.noMulticast)
        isVerbose = arguments.isSet(Self.verbose)
        wereGiven =
            !interfaceNames.isEmpty || !peers.isEmpty || !arguments.values(of: Self.port).isEmpty
            || !arguments.values(of: Self.discoveryPort).isEmpty
            || arguments.isSet(Self.noMulticast)
        for name in interfaceNames where name.isEmpty {
            throw UsageError("--interface needs an interface name")
        }
        for peer in peers
        where SocketAddress.splitHostAndPort(peer, defaultPort: BeaconMulticast.port) == nil {
            throw UsageError("--peer \(peer): expected HOST, HOST:PORT or [IPV6]:PORT")
        }
    }

    /// The static peers listed in `<home>/peers`: one `HOST[:PORT]` per line; blank lines and
    /// lines starting with `#` are ignored. A missing file lists none.
    static func configuredPeers(home: KithHome) throws -> [String] {
        let path = home.file("peers")
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw CommandFailure("cannot read \(path): \(error.localizedDescription)")
        }
        var peers: [String] = []
        for (number, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false)
            .enumerated()
        {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard SocketAddress.splitHostAndPort(line, defaultPort: BeaconMulticast.port) != nil
            else {
                throw CommandFailure(
                    "\(path), line \(number + 1): expected HOST, HOST:PORT or [IPV6]:PORT")
            }
            peers.append(line)
        }
        return peers
    }

    /// The static peers' discovery addresses (from --peer and `<home>/peers`), resolved now
    /// (before the node's loop runs).
    func resolvedPeers(home: KithHome) throws -> [SocketAddress] {
        var addresses: [SocketAddress] = []
        for peer in peers + (try Self.configuredPeers(home: home)) {
            guard
                let (host, port) = SocketAddress.splitHostAndPort(
                    peer, defaultPort: BeaconMulticast.port)
            else { continue }
            let resolved = SocketAddress.resolve(host: host, port: port)
            guard !resolved.isEmpty else {
                throw CommandFailure(
                    "static peer \(peer): cannot resolve '\(host)'", status: .usageError)
            }
            addresses += resolved.filter { !addresses.contains($0) }
        }
        return addresses
    }
}
