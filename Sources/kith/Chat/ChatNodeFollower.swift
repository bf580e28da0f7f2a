import KithCommandLine
import KithControl
import KithNode

/// The node a chat uses, followed again when it goes away: a chat attached to a node it did not
/// start (`kith node`, a service, or another chat's) attaches to the next one, or starts its
/// own, when that node stops or restarts, so the person keeps the chat and the line they type.
final class ChatNodeFollower {
    /// The node in use now.
    private(set) var connection: ChatNodeConnection
    private let connect: () throws -> ChatNodeConnection
    private let feed: ChatFeed

    /// Follows `connection`; `connect` finds or starts the next node, whose entries `feed` then
    /// follows.
    init(
        connection: ChatNodeConnection, feed: ChatFeed,
        connect: @escaping () throws -> ChatNodeConnection
    ) {
        self.connection = connection
        self.feed = feed
        self.connect = connect
    }

    /// The node's stream ended with `reason`: follows the next node and returns a notice for the
    /// person, or nil when the chat cannot go on (it ran the node itself, or no node can be
    /// reached or started).
    func followNextNode(after reason: String) -> String? {
        // The node still runs and ended only the chat's stream (it fell more than the node
        // queues behind, Protocol/control.md): subscribe again.
        if let answer = try? ControlClient.send(
            .status, socketPath: connection.socketPath,
            timeoutMilliseconds: 3_000), answer.status != nil
        {
            feed.follow(socketPath: connection.socketPath)
            return "the node's stream ended (\(reason)); following it again: messages may have "
                + "been missed meanwhile, /history shows them"
        }
        guard connection.ownNode == nil, let next = try? connect() else { return nil }
        connection = next
        feed.follow(socketPath: next.socketPath)
        return next.ownNode == nil
            ? "the node went away (\(reason)); following the node now running in this home"
            : "the node went away (\(reason)); this chat now runs the home's node itself"
    }

    /// Stops the node the chat started, if any; what made it fail, if anything.
    func stop() async -> NodeError? {
        await connection.stop()
    }
}
