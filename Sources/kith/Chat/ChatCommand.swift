import KithCommandLine
import KithCore
import KithNode
import KithStorage

/// `kith chat`: a node with a minimal line interface. Each line read is posted to the channel;
/// every post that arrives or is posted is printed. End of input or SIGINT stops it cleanly.
struct ChatCommand: Command {
    static let channel = Option<String>(
        "channel", short: "c", valueName: "NAME", defaultValue: "general",
        help: "The channel lines are posted to (with or without a leading #).")

    static var configuration: CommandConfiguration {
        CommandConfiguration(
            name: "chat",
            abstract: "Chat on the LAN: post each line read, print every post as it arrives.",
            discussion: "Runs a node in this process (the same options as `kith node`). Posts go "
                + "to the channel in the community given by --community (default: the first "
                + "one joined); posts of every channel of that community are printed as "
                + "`HH:MM #channel nick (fingerprint): text`.",
            options: [KithHome.option, LocalNode.communityOption, channel] + NodeOptions.all
        )
    }

    let homeOption: String?
    let communityName: String?
    let channelName: String
    let options: NodeOptions

    init(arguments: ParsedArguments) throws(UsageError) {
        homeOption = arguments.value(of: KithHome.option)
        communityName = arguments.value(of: LocalNode.communityOption)
        channelName = arguments.value(of: Self.channel) ?? "general"
        options = try NodeOptions(arguments: arguments)
    }

    func run(_ context: CommandContext) async throws {
        let channel: ChannelName
        do {
            channel = try ChannelName(userInput: channelName)
        } catch {
            throw CommandFailure("bad channel name: \(error)", status: .usageError)
        }
        let home = try KithHome.prepare(optionValue: homeOption, environment: context.environment)
        let memberships = try CommunityBook(home: home.path).load()
        let chosen =
            try communityName.map { try CommunityBook(home: home.path).membership(named: $0) }
            ?? memberships.first
        guard let community = chosen?.id else {
            throw CommandFailure("you are in no community: `kith community join CODE` first")
        }
        let verbose = options.isVerbose
        let output = context.standardOutput
        let log = context.standardError
        let tool = context.toolName
        let launched = try NodeLauncher(options: options, homeOption: home.path).launch(
            context: context
        ) { event in
            if case .entry(let delivered) = event {
                if delivered.entry.community == community, let line = ChatLine.format(delivered) {
                    output.write(line + "\n")
                }
                return
            }
            guard verbose || !event.isDetail else { return }
            log.write("\(tool): \(event.logLine)\n")
        }
        let node = launched.node
        context.note(
            "chatting in \(channel) as \(launched.key.fingerprint.short); Ctrl-D or Ctrl-C ends")
        let trap = SignalTrap { _ in node.stop() }
        StandardInputLines.start(
            onLine: { line in
                guard !line.isEmpty else { return }
                let content: [UInt8]
                do {
                    content = try Post(channel: channel, text: line).encoded()
                } catch {
                    log.write("\(tool): cannot post: \(error)\n")
                    return
                }
                node.publish(contentType: .post, content: content, in: community) { result in
                    if case .failure(let error) = result { log.write("\(tool): \(error)\n") }
                }
            },
            onEnd: { node.stop() })
        let failure = await node.waitUntilStopped()
        trap.cancel()
        if let failure { throw CommandFailure("\(failure)") }
    }
}
