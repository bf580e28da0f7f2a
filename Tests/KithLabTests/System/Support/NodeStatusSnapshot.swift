import Foundation

/// What `kith status --json` says of a running node (only the fields the system tests read).
struct NodeStatusSnapshot: Decodable, Sendable {
    /// One peer the node heard or is connected to.
    struct Peer: Decodable, Sendable {
        /// The peer's public key in hex.
        var publicKey: String
        /// Its fingerprint, full form.
        var fingerprint: String
        /// Where its beacons said it accepts sessions.
        var addresses: [String]
        /// `none`, `connecting`, `handshaking`, `established` or `closing`.
        var session: String
        /// The connection's remote address, when there is one.
        var sessionAddress: String?
        /// The interfaces on which its group beacons say it reads entry datagrams.
        var readsEntryDatagramsOn: [String]?

        /// True when a session with the peer is established.
        var isEstablished: Bool { session == "established" }

        /// Every address the node associates with this peer.
        var allAddresses: [String] { addresses + (sessionAddress.map { [$0] } ?? []) }
    }

    /// The node's public key in hex.
    var publicKey: String
    /// Its fingerprint, full form.
    var fingerprint: String
    /// The interfaces and families beacons use.
    var links: [String]
    /// Entries in the log.
    var entryCount: UInt64
    /// Established sessions.
    var sessionCount: Int
    /// Datagrams discovery dropped.
    var droppedDatagrams: Int
    /// Counters since the node started.
    var traffic: Traffic
    /// Every peer known.
    var peers: [Peer]
    /// Beacons dropped for a clock too far off, when there were any.
    var clockSkew: ClockSkew?

    /// The `clock_skew` report of the status.
    struct ClockSkew: Decodable, Sendable {
        var beaconsRejected: Int
        var lastPeer: String
        var lastOffsetSeconds: Int64
        var warning: String
    }

    /// The `traffic` counters of the status.
    struct Traffic: Decodable, Sendable {
        var beaconsReceived: Int
        var entryCopiesReceived: Int
        var signaturesChecked: Int
        var sessionBytesReceived: Int
        var sessionsOpened: Int
        var sessionsClosed: Int
        /// The fast path (fastpath.md): datagrams sent and received, entries appended from them.
        var entryDatagramsSent: Int
        var entryDatagramsReceived: Int
        var entriesFromDatagrams: Int
        /// Entries sent live to peers that asked for their chain.
        var entriesPushed: Int
    }

    /// The peers with an established session.
    var establishedPeers: [Peer] { peers.filter(\.isEstablished) }

    /// Parses the one JSON line `kith status --json` prints.
    static func parse(_ line: String) throws -> NodeStatusSnapshot {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(NodeStatusSnapshot.self, from: Data(line.utf8))
    }
}
