import KithChat
import KithCommandLine
import KithControl
import KithCore
import KithNode

/// `kith tail [--json] [--channel NAME] [--community NAME]`: follows the entries the running
/// node appends.
struct TailCommand: Command {
    static let channel = Option<String>(
        "channel", short: "c", valueName: "NAME",
        help: "Only posts to this channel (with or without a leading #).")
    static let json = Flag("json", help: "Print every entry as one JSON line.")
    static let community = Option<String>(
        "community", valueName: "NAME",
        help: "Only entries of this community (default: every community you are in).")

    static var configuration: CommandConfiguration {
        CommandConfiguration(
            name: "tail",
            abstract: "Follow the entries the running node appends, posted here or received.",
            discussion: "Prints posts as chat lines (with --json, every entry as a JSON line) "
                + "until the node stops or Ctrl-C. Exits with status 1 when no node is running "
                + "in this home.",
            options: [KithHome.option, community, channel, json]
        )
    }

    let homeOption: String?
    let communityName: String?
    let channelName: String?
    let printsJSON: Bool

    init(arguments: ParsedArguments) {
        homeOption = arguments.value(of: KithHome.option)
        communityName = arguments.value(of: Self.community)
        channelName = arguments.value(of: Self.channel)
        printsJSON = arguments.isSet(Self.json)
    }

    func run(_ context: CommandContext) throws {
        var channel: ChannelName?
        if let channelName {
            do {
                channel = try ChannelName(userInput: channelName)
            } catch {
                throw CommandFailure("cannot follow that channel: \(error)", status: .usageError)
            }
        }
        let home = try KithHome.resolve(optionValue: homeOption, environment: context.environment)
        let request = ControlRequest.tail(
            community: try ControlQuery.communityID(
                named: communityName, homeOption: homeOption, context: context),
            channel: channel)
        var refusal: String?
        do {
            try ControlClient.follow(
                request, socketPath: home.file(NodeLauncher.controlSocketName)
            ) { response in
                guard response.ok else {
                    refusal = response.error ?? "no reason given"
                    return false
                }
                if response.tailing == true {
                    context.note("following the node in \(home.path) (Ctrl-C to stop)")
                } else if let entry = response.entry {
                    print(entry, context: context)
                }
                return true
            }
        } catch {
            if case .notRunning = error {
                throw CommandFailure(
                    "no node is running in \(home.path) (start one with `kith node`)")
            }
            throw CommandFailure("\(error)")
        }
        if let refusal {
            throw CommandFailure("the node refused: \(refusal)")
        }
        context.note("the node stopped")
    }

    private func print(_ controlEntry: ControlEntry, context: CommandContext) {
        if printsJSON {
            context.printJSONLine(PlainChatScreen.object(for: controlEntry, line: nil))
        } else if let line = ChatLine.format(controlEntry.delivered) {
            context.printLine(line)
        }
    }
}
