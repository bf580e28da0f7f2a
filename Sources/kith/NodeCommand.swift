import KithCommandLine
import KithCore
import KithNode
import KithSystem

/// `kith node`: runs a node headless, logging to standard error, until SIGINT or SIGTERM.
struct NodeCommand: Command {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            name: "node",
            abstract: "Run a node: discover peers on the LAN and replicate with them.",
            discussion: "Logs one line per notable event on standard error (peers found and lost, "
                + "sessions up and down, catch-up progress, invalid entries); --verbose adds "
                + "details. SIGINT or SIGTERM stops it cleanly. `kith status` and `kith peers` "
                + "ask it what it sees through <home>/control.sock.",
            options: [KithHome.option] + NodeOptions.all
        )
    }

    let homeOption: String?
    let options: NodeOptions

    init(arguments: ParsedArguments) throws(UsageError) {
        homeOption = arguments.value(of: KithHome.option)
        options = try NodeOptions(arguments: arguments)
    }

    func run(_ context: CommandContext) async throws {
        let verbose = options.isVerbose
        let log = context.standardError
        let tool = context.toolName
        let launched = try NodeLauncher(options: options, homeOption: homeOption).launch(
            context: context
        ) { event in
            guard verbose || !event.isDetail else { return }
            let now = SystemClock.wallMilliseconds()
            let time = TimeFormatting.localLogTime(
                millisecondsSinceEpoch: now,
                offsetSeconds: TimeFormatting.localOffsetSeconds(at: now))
            log.write("\(tool): \(time) \(event.logLine)\n")
        }
        context.note("node \(launched.key.fingerprint.full) in \(launched.home.path)")
        let node = launched.node
        // A reader that went away must not kill the node halfway through a write.
        SignalTrap.ignoreBrokenPipe()
        let trap = SignalTrap { _ in node.stop() }
        let failure = await node.waitUntilStopped()
        trap.cancel()
        if let failure { throw CommandFailure("\(failure)") }
    }
}
