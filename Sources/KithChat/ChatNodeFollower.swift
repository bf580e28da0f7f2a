import KithCommandLine
import KithControl
import KithNode

/// The node a chat uses, followed again when it goes away: a chat attached to a node it did not
/// start (`kith node`, a service, or another chat's) attaches to the next one, or starts its
/// own, when that node stops or restarts, so the person keeps the chat and the line they type.
/// ``ChatNodeChannel`` first asks whether the node still runs, and comes here when it does not.
package final class ChatNodeFollower {
    /// The node in use now.
    package private(set) var connection: ChatNodeConnection
    private let connect: () throws -> ChatNodeConnection

    /// Follows `connection`; `connect` finds or starts the next node.
    package init(connection: ChatNodeConnection, connect: @escaping () throws -> ChatNodeConnection)
    {
        self.connection = connection
        self.connect = connect
    }

    /// The node went away (`reason`): attaches to the next node, or starts one, and returns a
    /// notice for the person; nil when the chat cannot go on (it ran the node itself, or no node
    /// can be reached or started). Blocks while a node starts (start-up is not a request).
    package func followNextNode(after reason: String) -> String? {
        guard connection.ownNode == nil, let next = try? connect() else { return nil }
        connection = next
        return next.ownNode == nil
            ? "the node went away (\(reason)); following the node now running in this home"
            : "the node went away (\(reason)); this chat now runs the home's node itself"
    }

    /// Stops the node the chat started, if any; what made it fail, if anything.
    package func stop() async -> NodeError? {
        await connection.stop()
    }
}
