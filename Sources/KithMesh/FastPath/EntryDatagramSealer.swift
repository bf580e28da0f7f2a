import KithCore

/// The sending side of the fast path: this run's boot id and the counter of the entry datagrams
/// sealed so far (fastpath.md, "Sending").
public struct EntryDatagramSealer: Sendable {
    /// The sending node's key.
    public let nodeKey: PublicKey
    /// Chosen at random when the node starts.
    public let bootID: UInt64
    /// The counter of the next datagram.
    public private(set) var counter: UInt64 = 0

    /// A sealer for a new run of the node `nodeKey`.
    public init(nodeKey: PublicKey, bootID: UInt64) {
        self.nodeKey = nodeKey
        self.bootID = bootID
    }

    /// The next datagram carrying `entryBytes` (one of the node's own entries) in the community of
    /// `key`, sent at `now` (ms since 1970); nil when the entry is too large for a datagram.
    public mutating func seal(
        _ entryBytes: [UInt8], with key: EntryDatagramKey, now: UInt64,
        using random: inout some RandomSource
    ) -> [UInt8]? {
        guard entryBytes.count <= EntryDatagramCodec.maximumEntryByteCount else { return nil }
        let datagram = EntryDatagram(
            nodeKey: nodeKey, bootID: bootID, counter: counter, time: now, entryBytes: entryBytes)
        counter += 1
        return EntryDatagramCodec.seal(datagram, with: key, using: &random)
    }
}
