import KithControl
import KithCore
import KithStorage
import KithSystem

@testable import KithNode

/// A node in a temporary home on the loopback interface only, with the events it reported.
struct TestNode {
    let node: Node
    let events: EventRecorder
    let home: String
    let key: SigningKey

    /// Starts a node in `home` with `configure` applied to a loopback-only configuration:
    /// sessions on any free port, discovery on any free port without multicast.
    static func start(
        home: String, key: SigningKey = .generate(),
        configure: (inout NodeConfiguration) -> Void = { _ in }
    ) throws -> TestNode {
        var configuration = NodeConfiguration.loopbackOnly(home: home)
        configure(&configuration)
        let store = try EntryStore.open(directory: home)
        let events = EventRecorder()
        let node = try Node(
            configuration: configuration, identity: key, store: store, events: events.handler)
        try node.start()
        return TestNode(node: node, events: events, home: home, key: key)
    }

    /// This node's discovery socket, as a static peer of another node.
    var discoveryAddress: SocketAddress { .loopbackIPv4(port: node.discoveryPort) }

    /// Whether the node has an established session with `other`.
    func hasSession(with other: TestNode) async -> Bool {
        guard let status = try? await node.status() else { return false }
        return status.peers.contains {
            $0.publicKey == other.key.publicKey.hex && $0.session == "established"
        }
    }

    /// Stops the node and waits until it has; returns why it stopped on its own, if it did.
    func stop() async -> NodeError? {
        node.stop()
        return await node.waitUntilStopped()
    }
}
