import KithCommandLine
import KithControl
import KithNode

/// `kith status`: what the node running in this home sees.
struct StatusCommand: Command {
    static let json = Flag("json", help: "Print the node's answer as one JSON line.")

    static var configuration: CommandConfiguration {
        CommandConfiguration(
            name: "status",
            abstract: "Show what the running node sees: ports, links, sessions, entries.",
            discussion: "Asks the node started with `kith node` (or `kith chat`) in the same home. "
                + "Exits with status 1 when no node is running.",
            options: [KithHome.option, json]
        )
    }

    let homeOption: String?
    let printsJSON: Bool

    init(arguments: ParsedArguments) {
        homeOption = arguments.value(of: KithHome.option)
        printsJSON = arguments.isSet(Self.json)
    }

    func run(_ context: CommandContext) throws {
        let response = try ControlQuery.ask(.status, homeOption: homeOption, context: context)
        guard let status = response.status else {
            throw CommandFailure("the node sent no status")
        }
        if printsJSON {
            context.standardOutput.write(
                String(decoding: ControlCoding.line(status), as: UTF8.self))
            return
        }
        let sessions = status.peers.filter { $0.session == "established" }.count
        context.printLine("Node:       \(status.fingerprint)")
        context.printLine("Public key: \(status.publicKey)")
        context.printLine("Uptime:     \(ControlQuery.duration(status.uptimeSeconds))")
        context.printLine(
            "Sessions:   \(sessions) established, \(status.pendingHandshakes) connecting; "
                + "TCP port \(status.sessionPort)")
        let links =
            status.links.isEmpty ? "no multicast links" : status.links.joined(separator: ", ")
        context.printLine("Discovery:  UDP port \(status.discoveryPort): \(links)")
        if !status.staticPeers.isEmpty {
            context.printLine("Static:     \(status.staticPeers.joined(separator: ", "))")
        }
        context.printLine("Peers:      \(status.peers.count) known")
        context.printLine("Entries:    \(status.entryCount)")
        if let skew = status.clockSkew {
            context.printLine(
                "Clock:      \(skew.beaconsRejected) beacons dropped: \(UntrustedText.escaped(skew.warning))"
            )
        }
        let storage = status.storage
        let free = storage.availableBytes.map { "\($0 >> 20) MiB free" } ?? "free space unknown"
        switch storage.condition {
        case .ok:
            context.printLine("Storage:    ok, \(free)")
        case .strangersRefused:
            context.printLine(
                "Storage:    FILLING, \(free) (keeps \(storage.strangerReserveBytes >> 20) MiB for "
                    + "people you know): entries of strangers in open communities are refused "
                    + "(\(status.traffic.entriesOverBudget) over budget so far)")
        case .low:
            context.printLine(
                "Storage:    LOW, \(free) (keeps \(storage.reserveBytes >> 20) MiB): entries "
                    + "from peers are refused until there is room (\(storage.entriesRefused) so far)"
            )
        case .failing:
            context.printLine(
                "Storage:    FAILING: \(storage.problem ?? "writing failed"); nothing more is "
                    + "stored until writing works again")
        }
    }
}
