import KithCommandLine
import KithCore
import KithNode

/// The node a chat talks to: the one already running in the home, or one the chat starts
/// inside its own process (which serves the same control socket).
struct ChatNodeConnection: Sendable {
    /// The node's control socket.
    let socketPath: String
    /// The node's key.
    let key: PublicKey
    /// The node started for this chat, if it started one.
    let ownNode: Node?

    /// Connects to the node running at `socketPath`, or starts one with `options`.
    static func connect(
        socketPath: String, options: NodeOptions, homeOption: String, context: CommandContext,
        events: @escaping @Sendable (String) -> Void
    ) throws -> ChatNodeConnection {
        do {
            let response = try ControlClient.send(
                ControlRequest(op: "status"), socketPath: socketPath, timeoutMilliseconds: 3_000)
            if let status = response.status, let key = try? PublicKey(hex: status.publicKey) {
                if options.wereGiven {
                    context.note("a node already runs in this home; its own options apply")
                }
                return ChatNodeConnection(socketPath: socketPath, key: key, ownNode: nil)
            }
        } catch {
            guard case .notRunning = error else {
                throw CommandFailure("the node in this home does not answer: \(error)")
            }
        }
        let verbose = options.isVerbose
        let launched = try NodeLauncher(options: options, homeOption: homeOption).launch(
            context: context
        ) { event in
            guard verbose || !event.isDetail else { return }
            if case .entry = event { return }
            // The chat tells of community changes itself, from the community book.
            if case .communitiesChanged = event { return }
            events(event.logLine)
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

    /// Stops the node the chat started, if any; what made it fail, if anything.
    func stop() async -> NodeError? {
        guard let ownNode else { return nil }
        ownNode.stop()
        return await ownNode.waitUntilStopped()
    }
}
