import KithCommandLine
import KithControl
import KithCore
import KithNode
import KithStorage
import KithSystem

#if canImport(Glibc)
    import Glibc
#endif

/// The node a chat talks to: the one already running in the home, or one the chat starts
/// inside its own process (which serves the same control socket).
package struct ChatNodeConnection: Sendable {
    /// The node's control socket.
    package let socketPath: String
    /// The node's key.
    package let key: PublicKey
    /// The node started for this chat, if it started one.
    package let ownNode: Node?

    /// A node at `socketPath` whose key is `key`; `ownNode` when the chat started it itself.
    package init(socketPath: String, key: PublicKey, ownNode: Node?) {
        self.socketPath = socketPath
        self.key = key
        self.ownNode = ownNode
    }

    /// Stops the node the chat started, if any; what made it fail, if anything.
    package func stop() async -> NodeError? {
        guard let ownNode else { return nil }
        ownNode.stop()
        return await ownNode.waitUntilStopped()
    }
}
