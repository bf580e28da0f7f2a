/// What a running node sees, as `kith status` prints it and the control socket sends it
/// (Protocol/control.md). Times are whole seconds.
public struct NodeStatus: Codable, Sendable, Equatable {
    /// The node's public key in hex.
    public var publicKey: String
    /// Its fingerprint, full form.
    public var fingerprint: String
    /// The TCP port sessions are accepted on.
    public var sessionPort: UInt16
    /// The UDP port beacons are received on.
    public var discoveryPort: UInt16
    /// The links beacons use, as `name family` (`eth0 IPv4`).
    public var links: [String]
    /// The static peers beacons are also sent to.
    public var staticPeers: [String]
    /// Seconds since the node started.
    public var uptimeSeconds: UInt64
    /// Entries in the log (chain entries and fork proofs).
    public var entryCount: UInt64
    /// Established sessions.
    public var sessionCount: Int
    /// Connections still connecting or in their handshake.
    public var pendingHandshakes: Int
    /// Datagrams discovery dropped (foreign communities, replays, floods, malformed).
    public var droppedDatagrams: Int
    /// What the node received and did since it started.
    public var traffic: NodeTraffic
    /// Whether the node can store entries.
    public var storage: NodeStorage
    /// Every peer heard or connected.
    public var peers: [PeerStatus]
    /// Beacons dropped for a clock too far from this node's, when there were any.
    public var clockSkew: NodeClockSkew?
    /// How long the turns of the node's loop held it (absent from a node that does not say).
    public var loop: LoopLoad?

    /// A status with every field given.
    public init(
        publicKey: String, fingerprint: String, sessionPort: UInt16, discoveryPort: UInt16,
        links: [String], staticPeers: [String], uptimeSeconds: UInt64, entryCount: UInt64,
        sessionCount: Int, pendingHandshakes: Int, droppedDatagrams: Int, traffic: NodeTraffic,
        storage: NodeStorage, peers: [PeerStatus], clockSkew: NodeClockSkew? = nil
    ) {
        self.clockSkew = clockSkew
        self.publicKey = publicKey
        self.fingerprint = fingerprint
        self.sessionPort = sessionPort
        self.discoveryPort = discoveryPort
        self.links = links
        self.staticPeers = staticPeers
        self.uptimeSeconds = uptimeSeconds
        self.entryCount = entryCount
        self.sessionCount = sessionCount
        self.pendingHandshakes = pendingHandshakes
        self.droppedDatagrams = droppedDatagrams
        self.traffic = traffic
        self.storage = storage
        self.peers = peers
    }
}

/// Whether the node can store entries, and why not (Protocol/control.md, `status`).
public struct NodeStorage: Codable, Sendable, Equatable {
    /// `ok`, `strangers_refused` (strangers' entries refused), `low` (entries from peers
    /// refused) or `failing` (writing failed).
    public var condition: StorageCondition
    /// The bytes still free for the home, when known.
    public var availableBytes: UInt64?
    /// Below this many free bytes entries from peers are refused.
    public var reserveBytes: UInt64
    /// Below this many free bytes strangers' entries are refused.
    public var strangerReserveBytes: UInt64
    /// Entries from peers refused for lack of room since the start.
    public var entriesRefused: Int
    /// Why writing failed, while it does.
    public var problem: String?

    /// A storage report with these values.
    public init(
        condition: StorageCondition, availableBytes: UInt64?, reserveBytes: UInt64,
        strangerReserveBytes: UInt64, entriesRefused: Int, problem: String?
    ) {
        self.strangerReserveBytes = strangerReserveBytes
        self.condition = condition
        self.availableBytes = availableBytes
        self.reserveBytes = reserveBytes
        self.entriesRefused = entriesRefused
        self.problem = problem
    }
}

/// Counters of a running node since it started: what a benchmark divides by the entries that
/// crossed the mesh (Protocol/control.md, `status`).
public struct NodeTraffic: Codable, Sendable, Equatable {
    /// Beacons that passed every receiving rule.
    public var beaconsReceived: Int
    /// Entries peers sent (every copy, before any check).
    public var entryCopiesReceived: Int
    /// Signatures of received entries checked (each entry once).
    public var signaturesChecked: Int
    /// Strangers' entries dropped unverified because a budget was spent (replication.md,
    /// "Strangers").
    public var entriesOverBudget: Int
    /// Bytes read from sessions (frames, after the handshake).
    public var sessionBytesReceived: Int
    /// Sessions established and sessions ended.
    public var sessionsOpened: Int
    public var sessionsClosed: Int
    /// Entries this node signed, and the fdatasyncs of its log (group commit shares one
    /// among the posts that arrive together, and one among a batch of entries from peers).
    public var ownEntriesSigned: Int
    public var logSyncs: Int
    /// The fast path (fastpath.md): entry datagrams sent, received datagrams that passed the
    /// datagram rules, and entries appended from them.
    public var entryDatagramsSent: Int
    public var entryDatagramsReceived: Int
    public var entriesFromDatagrams: Int
    /// Entries sent live to peers that asked this node to push their chain, every copy (not
    /// catch-up, not answers to requests).
    public var entriesPushed: Int

    /// Counters with these values.
    public init(
        beaconsReceived: Int = 0, entryCopiesReceived: Int = 0, signaturesChecked: Int = 0,
        entriesOverBudget: Int = 0, sessionBytesReceived: Int = 0, sessionsOpened: Int = 0,
        sessionsClosed: Int = 0, ownEntriesSigned: Int = 0, logSyncs: Int = 0,
        entryDatagramsSent: Int = 0, entryDatagramsReceived: Int = 0, entriesFromDatagrams: Int = 0,
        entriesPushed: Int = 0
    ) {
        self.entriesPushed = entriesPushed
        self.entryDatagramsSent = entryDatagramsSent
        self.entryDatagramsReceived = entryDatagramsReceived
        self.entriesFromDatagrams = entriesFromDatagrams
        self.ownEntriesSigned = ownEntriesSigned
        self.logSyncs = logSyncs
        self.entriesOverBudget = entriesOverBudget
        self.beaconsReceived = beaconsReceived
        self.entryCopiesReceived = entryCopiesReceived
        self.signaturesChecked = signaturesChecked
        self.sessionBytesReceived = sessionBytesReceived
        self.sessionsOpened = sessionsOpened
        self.sessionsClosed = sessionsClosed
    }
}

/// One peer as the node sees it: heard by beacon, connected, or both.
public struct PeerStatus: Codable, Sendable, Equatable {
    /// The peer's public key in hex.
    public var publicKey: String
    /// Its fingerprint, full form.
    public var fingerprint: String
    /// Its display name in the default community, if it set one and the log holds it.
    public var displayName: String?
    /// Where its beacons said it accepts sessions, most recent first.
    public var addresses: [String]
    /// Seconds since its last beacon; nil when it is not in the beacon directory.
    public var lastHeardSecondsAgo: UInt64?
    /// `none`, `connecting`, `handshaking`, `established` or `closing`.
    public var session: String
    /// The session's address, when there is a connection.
    public var sessionAddress: String?
    /// `inbound` or `outbound`, when there is a connection.
    public var sessionDirection: String?
    /// Seconds since the session was established.
    public var sessionUptimeSeconds: UInt64?
    /// The ids (hex) of the communities it was heard in or shares in its session.
    public var communities: [String]
    /// Entries received from it and appended in the current session.
    public var entriesReceived: Int
    /// The links (interface names) on which its latest beacon from the group said that it reads
    /// the entry datagrams there (discovery.md, "Beacon flags"); nil when none.
    public var readsEntryDatagramsOn: [String]?

    /// A peer status with every field given.
    public init(
        publicKey: String, fingerprint: String, displayName: String?, addresses: [String],
        lastHeardSecondsAgo: UInt64?, session: String, sessionAddress: String?,
        sessionDirection: String?, sessionUptimeSeconds: UInt64?, communities: [String],
        entriesReceived: Int, readsEntryDatagramsOn: [String]? = nil
    ) {
        self.publicKey = publicKey
        self.fingerprint = fingerprint
        self.displayName = displayName
        self.addresses = addresses
        self.lastHeardSecondsAgo = lastHeardSecondsAgo
        self.session = session
        self.sessionAddress = sessionAddress
        self.sessionDirection = sessionDirection
        self.sessionUptimeSeconds = sessionUptimeSeconds
        self.communities = communities
        self.entriesReceived = entriesReceived
        self.readsEntryDatagramsOn = readsEntryDatagramsOn
    }
}
