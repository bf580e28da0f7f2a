import KithCore

/// What an entry datagram carries (fastpath.md): one entry of the sender's own chain, and the
/// sender's run and counter, which the receiver's replay guard checks as it checks beacons.
public struct EntryDatagram: Sendable, Hashable {
    /// The sender's node key: the author of the entry.
    public var nodeKey: PublicKey
    /// Chosen at random each time the sender starts; with `counter` it orders the run's datagrams.
    public var bootID: UInt64
    /// Increases by one for every entry datagram the sender seals in this run.
    public var counter: UInt64
    /// The sender's clock when sending, in milliseconds since 1970 (a claim).
    public var time: UInt64
    /// The entry, encoded as entries.md says.
    public var entryBytes: [UInt8]

    /// A datagram with the given fields.
    public init(
        nodeKey: PublicKey, bootID: UInt64, counter: UInt64, time: UInt64, entryBytes: [UInt8]
    ) {
        self.nodeKey = nodeKey
        self.bootID = bootID
        self.counter = counter
        self.time = time
        self.entryBytes = entryBytes
    }

    /// The size of the fields before the entry.
    static let fieldsByteCount = 56

    /// The plaintext: node key, boot id, counter, time, entry.
    package var plaintext: [UInt8] {
        var bytes = nodeKey.bytes
        bytes.reserveCapacity(Self.fieldsByteCount + entryBytes.count)
        bytes.appendBigEndian(bootID)
        bytes.appendBigEndian(counter)
        bytes.appendBigEndian(time)
        bytes += entryBytes
        return bytes
    }

    /// Reads a decrypted plaintext; nil when it is shorter than its fields.
    package init?(plaintext: [UInt8]) {
        guard plaintext.count >= Self.fieldsByteCount,
            let nodeKey = try? PublicKey(bytes: plaintext[0..<32]),
            let bootID = plaintext.readBigEndian(UInt64.self, at: 32),
            let counter = plaintext.readBigEndian(UInt64.self, at: 40),
            let time = plaintext.readBigEndian(UInt64.self, at: 48)
        else { return nil }
        self.init(
            nodeKey: nodeKey, bootID: bootID, counter: counter, time: time,
            entryBytes: Array(plaintext[Self.fieldsByteCount...]))
    }
}
