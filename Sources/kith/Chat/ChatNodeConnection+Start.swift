import KithChat
import KithCommandLine
import KithControl
import KithCore
import KithNode
import KithStorage
import KithSystem

#if canImport(Glibc)
    import Glibc
#endif

/// Finding or starting the node a chat talks to: the one already running in the home, or one
/// started inside the chat's own process with the command line's node options.
extension ChatNodeConnection {
    /// How long a chat keeps trying when other chats start a node in the same home at once.
    static let startRaceMilliseconds: UInt64 = 10_000

    /// Connects to the node running at `socketPath`, or starts one with `options`. When another
    /// process starts a node in the home at the same moment (three chats started at once), the
    /// chat that loses the race attaches to the winner's node.
    static func connect(
        socketPath: String, options: NodeOptions, homeOption: String, context: CommandContext,
        events: @escaping @Sendable (_ line: String, _ isNotable: Bool) -> Void
    ) throws -> ChatNodeConnection {
        let deadline = SystemClock.monotonicMilliseconds() + startRaceMilliseconds
        while true {
            if let attached = try attach(socketPath: socketPath, options: options, context: context)
            {
                return attached
            }
            do {
                return try start(
                    socketPath: socketPath, options: options, homeOption: homeOption,
                    context: context, events: events)
            } catch {
                guard Self.isAnotherStarter(error),
                    SystemClock.monotonicMilliseconds() < deadline
                else { throw error }
                usleep(50_000)
            }
        }
    }

    /// The node already running at `socketPath`, or nil when none answers there.
    private static func attach(socketPath: String, options: NodeOptions, context: CommandContext)
        throws -> ChatNodeConnection?
    {
        do {
            let response = try ControlClient.send(
                .status, socketPath: socketPath, timeoutMilliseconds: 3_000)
            if let status = response.status, let key = try? PublicKey(hex: status.publicKey) {
                if options.wereGiven {
                    context.note("a node already runs in this home; its own options apply")
                }
                return ChatNodeConnection(socketPath: socketPath, key: key, ownNode: nil)
            }
            throw CommandFailure("the node in this home does not answer: \(response.error ?? "")")
        } catch let error as ControlClientError {
            switch error {
            case .notRunning: return nil
            // A node starting in another process accepted, then was not yet serving; or one
            // stopping (its chat ended) closed the connection before reading the request.
            case .failed(let posix)
            where posix.code == .connectionReset || posix.code == .brokenPipe:
                return nil
            default: throw CommandFailure("the node in this home does not answer: \(error)")
            }
        }
    }

    /// Starts a node inside this process.
    private static func start(
        socketPath: String, options: NodeOptions, homeOption: String, context: CommandContext,
        events: @escaping @Sendable (_ line: String, _ isNotable: Bool) -> Void
    ) throws -> ChatNodeConnection {
        let verbose = options.isVerbose
        let launched = try NodeLauncher(options: options, homeOption: homeOption).launch(
            context: context
        ) { event in
            guard verbose || !event.isDetail else { return }
            if case .entry = event { return }
            // The chat tells of community changes itself, from the community book.
            if case .communitiesChanged = event { return }
            events(event.logLine, event.isNotable)
        }
        guard launched.home.file(NodeLauncher.controlSocketName) == socketPath,
            socketPath.utf8.count <= UnixSocketAddress.maximumPathByteCount
        else {
            launched.node.stop()
            throw CommandFailure(
                "the home path is too long for a control socket: use a shorter --home")
        }
        return ChatNodeConnection(socketPath: socketPath, key: launched.key, ownNode: launched.node)
    }

    /// Whether `error` says another process holds the home's node (its log lock or its control
    /// socket): then the chat attaches to that node once it answers.
    private static func isAnotherStarter(_ error: any Error) -> Bool {
        switch error {
        case StoreError.log(.locked), NodeError.store(.log(.locked)), NodeError.alreadyRunning:
            true
        default:
            false
        }
    }
}
