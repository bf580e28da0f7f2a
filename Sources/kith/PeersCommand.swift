import KithCommandLine
import KithControl
import KithNode

/// `kith peers`: the peers the running node heard or is connected to.
struct PeersCommand: Command {
    static let json = Flag("json", help: "Print one JSON object per peer.")

    static var configuration: CommandConfiguration {
        CommandConfiguration(
            name: "peers",
            abstract: "List the peers the running node heard or is connected to.",
            discussion: "Exits with status 1 when no node is running in this home.",
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
        let response = try ControlQuery.ask(.peers, homeOption: homeOption, context: context)
        let peers = response.peers ?? []
        if printsJSON {
            for peer in peers {
                context.standardOutput.write(
                    String(decoding: ControlCoding.line(peer), as: UTF8.self))
            }
            return
        }
        guard !peers.isEmpty else {
            context.note("no peers seen yet")
            return
        }
        for peer in peers {
            let name = peer.displayName.map { UntrustedText.escaped($0) } ?? "-"
            var line = "\(peer.fingerprint)  \(name)  \(peer.session)"
            if let address = peer.sessionAddress, let direction = peer.sessionDirection {
                line += " \(address) (\(direction))"
            } else if let address = peer.addresses.first {
                line += " heard at \(address)"
            }
            if let heard = peer.lastHeardSecondsAgo { line += ", heard \(heard)s ago" }
            if let uptime = peer.sessionUptimeSeconds {
                line += ", up \(ControlQuery.duration(uptime))"
            }
            line += ", \(peer.entriesReceived) entries received"
            context.printLine(line)
        }
    }
}
