/// Beacons the node dropped because their sender's clock is more than 5 minutes from its own
/// (Protocol/control.md, `status`, `clock_skew`): the only sign, without it, of a peer that is
/// never found.
public struct NodeClockSkew: Codable, Sendable, Equatable {
    /// How many such beacons since the start.
    public var beaconsRejected: Int
    /// The fingerprint (full form) of the sender of the latest one.
    public var lastPeer: String
    /// Where the latest one came from.
    public var lastAddress: String
    /// The latest sender's clock minus this node's, in whole seconds (positive: ahead).
    public var lastOffsetSeconds: Int64
    /// One sentence that says it all, for people.
    public var warning: String

    /// A report with these values.
    public init(
        beaconsRejected: Int, lastPeer: String, lastAddress: String, lastOffsetSeconds: Int64,
        warning: String
    ) {
        self.beaconsRejected = beaconsRejected
        self.lastPeer = lastPeer
        self.lastAddress = lastAddress
        self.lastOffsetSeconds = lastOffsetSeconds
        self.warning = warning
    }
}
