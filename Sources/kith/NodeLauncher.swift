import KithCommandLine
import KithCore
import KithNode
import KithStorage
import KithSystem

/// Opens what a running node needs in a home (identity, communities, store) and starts it.
struct NodeLauncher {
    /// The started node and what it was made from.
    struct Launched {
        let node: Node
        let home: KithHome
        let key: PublicKey
        let memberships: [CommunityMembership]
    }

    /// The control socket's file name inside a home.
    static let controlSocketName = "control.sock"

    let options: NodeOptions
    let homeOption: String?

    /// Starts a node in the home, reporting events to `events`.
    func launch(
        context: CommandContext, events: @escaping @Sendable (NodeEvent) -> Void
    ) throws -> Launched {
        let home = try KithHome.prepare(optionValue: homeOption, environment: context.environment)
        let memberships = try CommunityBook(home: home.path).load()
        guard !memberships.isEmpty else {
            throw CommandFailure("you are in no community: `kith community join CODE` first")
        }
        let file = IdentityFile(path: home.file(IdentityFile.fileName))
        let identity = try file.loadOrCreate()
        if identity.wasCreated {
            context.note("created a new identity in '\(file.path)'")
        }
        var configuration = NodeConfiguration()
        configuration.communities = memberships.map(\.key)
        configuration.sessions.port = options.sessionPort
        configuration.discovery.port = options.discoveryPort
        configuration.discovery.interfaceNames = options.interfaceNames
        configuration.discovery.usesMulticast = options.usesMulticast
        configuration.discovery.staticPeers = try options.resolvedPeers(home: home)
        configuration.blockListPath = home.file(BlockListFile.fileName)
        configuration.hiddenListPath = home.file(BlockListFile.hiddenFileName)
        configuration.communityBookPath = home.file(CommunityBook.fileName)
        let controlPath = home.file(Self.controlSocketName)
        if controlPath.utf8.count <= UnixSocketAddress.maximumPathByteCount {
            configuration.controlSocketPath = controlPath
        } else {
            context.note(
                "home path too long for a control socket: kith status will not see this node")
        }
        warnAboutMissingInterfaces(context: context)
        let store = try EntryStore.open(directory: home.path)
        if !store.openReport.isClean {
            for line in store.openReport.description.split(separator: "\n") {
                context.note(String(line))
            }
        }
        let node = try Node(
            configuration: configuration, identity: identity.key, store: store, events: events)
        try node.start()
        return Launched(
            node: node, home: home, key: identity.key.publicKey, memberships: memberships)
    }

    /// Named interfaces that do not exist (yet) are picked up when they appear; say so.
    private func warnAboutMissingInterfaces(context: CommandContext) {
        guard !options.interfaceNames.isEmpty,
            let interfaces = try? NetworkInterface.current()
        else { return }
        let present = Set(interfaces.map(\.name))
        for name in options.interfaceNames where !present.contains(name) {
            context.note("no interface named '\(name)' yet; it is used once it appears")
        }
    }
}
