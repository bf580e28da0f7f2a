import KithCore

/// What a beacon says: "the node `nodeKey` accepts sessions on TCP port `port`" (discovery.md).
/// The address is not in the beacon: it is the datagram's source address.
public struct Beacon: Sendable, Hashable {
    /// The sender's node key.
    public var nodeKey: PublicKey
    /// The TCP port on which the sender accepts sessions, 1 to 65,535.
    public var port: UInt16
    /// Chosen at random each time the sender starts; with `counter` it orders the run's beacons.
    public var bootID: UInt64
    /// Increases by one for every datagram the sender seals in this run.
    public var counter: UInt64
    /// The sender's clock when sending, in milliseconds since 1970 (a claim).
    public var time: UInt64
    /// What the sender says of itself: whether it reads the link's entry datagrams.
    public var flags: BeaconFlags

    /// A beacon with the given fields.
    public init(
        nodeKey: PublicKey, port: UInt16, bootID: UInt64, counter: UInt64, time: UInt64,
        flags: BeaconFlags = []
    ) {
        self.nodeKey = nodeKey
        self.port = port
        self.bootID = bootID
        self.counter = counter
        self.time = time
        self.flags = flags
    }

    /// The size of the plaintext this software writes, in bytes: the fields up to `time`, then
    /// the flags byte.
    static let plaintextByteCount = 59

    /// The shortest plaintext a receiver reads: the fields up to `time`. A sender that writes
    /// no flags byte (the first revision of version 1) sets no flag.
    static let minimumPlaintextByteCount = 58

    /// The plaintext: node key, port, boot id, counter, time, flags.
    package var plaintext: [UInt8] {
        var bytes = nodeKey.bytes
        bytes.reserveCapacity(Self.plaintextByteCount)
        bytes.appendBigEndian(port)
        bytes.appendBigEndian(bootID)
        bytes.appendBigEndian(counter)
        bytes.appendBigEndian(time)
        bytes.append(flags.rawValue)
        return bytes
    }

    /// Reads a decrypted plaintext: the fields up to `time` (58 bytes), then the flags byte when
    /// there is one; later bytes are reserved and ignored. Nil when the plaintext is shorter than
    /// 58 bytes.
    package init?(plaintext: [UInt8]) {
        guard plaintext.count >= Self.minimumPlaintextByteCount,
            let nodeKey = try? PublicKey(bytes: plaintext[0..<32]),
            let port = plaintext.readBigEndian(UInt16.self, at: 32),
            let bootID = plaintext.readBigEndian(UInt64.self, at: 34),
            let counter = plaintext.readBigEndian(UInt64.self, at: 42),
            let time = plaintext.readBigEndian(UInt64.self, at: 50)
        else { return nil }
        let flags =
            plaintext.count > Self.minimumPlaintextByteCount
            ? BeaconFlags(rawValue: plaintext[Self.minimumPlaintextByteCount]) : []
        self.init(
            nodeKey: nodeKey, port: port, bootID: bootID, counter: counter, time: time,
            flags: flags)
    }
}
