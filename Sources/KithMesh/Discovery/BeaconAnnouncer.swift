import KithCore

/// The sending side of discovery for one run of a node: holds the run's boot id and counter and
/// seals each datagram with the next counter value (discovery.md, "Sending"). Pure: the clock is a
/// parameter and randomness comes from a ``RandomSource``.
public struct BeaconAnnouncer: Sendable {
    /// The node's key, announced in every beacon.
    public let nodeKey: PublicKey

    /// The TCP port announced; change it if the listener moves.
    public var port: UInt16

    /// This run's boot id, chosen at random when the announcer is made.
    public let bootID: UInt64

    /// The counter the next datagram will carry.
    public private(set) var nextCounter: UInt64 = 0

    /// An announcer for a new run, with a boot id drawn from `random`.
    public init(nodeKey: PublicKey, port: UInt16, using random: inout some RandomSource) {
        let bootBytes = random.bytes(8)
        self.init(
            nodeKey: nodeKey, port: port, bootID: bootBytes.readBigEndian(UInt64.self, at: 0) ?? 0)
    }

    /// An announcer for a new run, with a boot id from the system's secure random source.
    public init(nodeKey: PublicKey, port: UInt16) {
        var random = SystemRandomSource()
        self.init(nodeKey: nodeKey, port: port, using: &random)
    }

    /// An announcer with a given boot id (for tests and vectors).
    public init(nodeKey: PublicKey, port: UInt16, bootID: UInt64) {
        self.nodeKey = nodeKey
        self.port = port
        self.bootID = bootID
    }

    /// The next beacon, stamped with `now` (milliseconds since 1970) and carrying `flags`; the
    /// counter advances.
    public mutating func nextBeacon(now: UInt64, flags: BeaconFlags = []) -> Beacon {
        let beacon = Beacon(
            nodeKey: nodeKey, port: port, bootID: bootID, counter: nextCounter, time: now,
            flags: flags)
        nextCounter &+= 1
        return beacon
    }

    /// The next datagram for the community of `key`, carrying `flags`, sealed with a nonce from
    /// `random`.
    public mutating func nextDatagram(
        for key: BeaconKey, now: UInt64, flags: BeaconFlags = [],
        using random: inout some RandomSource
    )
        -> [UInt8]
    {
        BeaconCodec.seal(nextBeacon(now: now, flags: flags), with: key, using: &random)
    }

    /// The next datagram for the community of `key`, carrying `flags`, sealed with a
    /// system-random nonce.
    public mutating func nextDatagram(
        for key: BeaconKey, now: UInt64, flags: BeaconFlags = []
    ) -> [UInt8] {
        var random = SystemRandomSource()
        return nextDatagram(for: key, now: now, flags: flags, using: &random)
    }
}
