/// The limits and timers of a node's sessions (sessions.md, "Failure"; replication.md, "Flow
/// control").
public struct SessionConfiguration: Sendable, Equatable {
    /// The TCP port to accept sessions on; 0 picks a free port (beacons carry it).
    public var port: UInt16 = 0
    /// The most connections still connecting or in their handshake, both directions together.
    public var maximumPendingHandshakes = 16
    /// Milliseconds a connection has to connect and finish its handshake.
    public var handshakeTimeout: UInt64 = 5_000
    /// Handshakes accepted per source address: this many at once...
    public var handshakeBurstPerSource: Double = 10
    /// ...and this many per second on average (10 per minute).
    public var handshakesPerSecondPerSource: Double = 10.0 / 60.0
    /// Above this many unsent bytes, the replication engine is told to wait.
    public var outputHighWatermark = 256 * 1024
    /// Once unsent bytes fall to this many, the engine is told it may send again.
    public var outputLowWatermark = 64 * 1024
    /// A session whose unsent bytes pass this (its peer does not read) is closed.
    public var outputLimit = 4 * 1024 * 1024
    /// The most received bytes held per session before reading pauses (TCP then slows the peer).
    public var inputLimit = 256 * 1024
    /// Milliseconds a closing session may take to send what is queued (its `goodbye`).
    public var closeGracePeriod: UInt64 = 2_000

    /// The defaults.
    public init() {}
}
