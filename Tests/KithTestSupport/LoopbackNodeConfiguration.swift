import KithNode

extension NodeConfiguration {
    /// A node that stays on the loopback interface: sessions and discovery on any free port,
    /// no multicast, its control socket at `<home>/control.sock`.
    public static func loopbackOnly(home: String) -> NodeConfiguration {
        var configuration = NodeConfiguration()
        configuration.sessions.port = 0
        configuration.discovery.port = 0
        configuration.discovery.interfaceNames = ["lo"]
        configuration.discovery.usesMulticast = false
        configuration.controlSocketPath = home + "/control.sock"
        return configuration
    }
}
