import KithCommandLine
import KithCore
import KithStorage
import KithSystem

#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

/// The pieces of a node that commands working on the local log need: home, identity, store.
struct LocalNode {
    let home: KithHome
    let key: SigningKey
    let store: EntryStore
    /// The community commands act in (`--community NAME`, else the first one joined).
    let membership: CommunityMembership

    /// The `--community NAME` option shared by commands that act in one community.
    static let communityOption = Option<String>(
        "community", valueName: "NAME",
        help: "The community to act in (default: lobby, or the first one you joined).")

    /// Opens the node in the home chosen by `--home` / `KITH_HOME` / the XDG default, creating
    /// the identity on first use. Prints what recovery did, if anything, as a note.
    static func open(homeOption: String?, communityName: String? = nil, context: CommandContext)
        throws -> LocalNode
    {
        let home = try KithHome.prepare(optionValue: homeOption, environment: context.environment)
        let book = CommunityBook(home: home.path)
        let membership: CommunityMembership
        if let communityName {
            membership = try book.membership(named: communityName)
        } else if let first = try book.load().first {
            membership = first
        } else {
            throw CommandFailure("you are in no community: `kith community join CODE` first")
        }
        let file = IdentityFile(path: home.file(IdentityFile.fileName))
        let identity = try file.loadOrCreate()
        if identity.wasCreated {
            context.note("created a new identity in '\(file.path)'")
        }
        let store = try openStore(in: home.path, context: context)
        if !store.openReport.isClean {
            for line in store.openReport.description.split(separator: "\n") {
                context.note(String(line))
            }
        }
        return LocalNode(home: home, key: identity.key, store: store, membership: membership)
    }

    /// How long a command waits for another process (a concurrent `kith post`) to let go of the log.
    static let lockWaitMilliseconds: UInt64 = 10_000

    /// Opens the store, waiting while another short-lived writer holds the log's lock: two
    /// `kith post` run at once both succeed, one after the other. Says once what it waits for.
    private static func openStore(in directory: String, context: CommandContext) throws
        -> EntryStore
    {
        let started = SystemClock.monotonicMilliseconds()
        var noted = false
        while true {
            do throws(StoreError) {
                return try EntryStore.open(directory: directory)
            } catch {
                let waited = SystemClock.monotonicMilliseconds() - started
                guard case .log(.locked(_, let pid)) = error, waited < lockWaitMilliseconds else {
                    throw error
                }
                if !noted && waited >= 1_000 {
                    context.note(
                        "waiting for process \(pid.map(String.init) ?? "?") to finish writing the log"
                    )
                    noted = true
                }
                usleep(20_000)
            }
        }
    }

    /// This node's chain in the community.
    var chain: ChainKey { ChainKey(author: key.publicKey, community: community) }

    /// The id of the community commands act in.
    var community: CommunityID { membership.id }

    /// Signs, appends and fsyncs one entry of this node's chain.
    func publish(_ contentType: ContentType, content: [UInt8]) throws -> Entry {
        try store.publish(
            contentType: contentType, content: content, in: community, by: key,
            timestamp: SystemClock.wallMilliseconds())
    }
}
