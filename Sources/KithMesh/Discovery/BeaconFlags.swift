/// What a beacon says of its sender besides where it accepts sessions: the `flags` byte of the
/// plaintext (discovery.md, "Beacon flags"). Bits this software does not know are ignored.
public struct BeaconFlags: OptionSet, Sendable, Hashable {
    /// The flags byte.
    public let rawValue: UInt8

    /// Flags from their byte.
    public init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    /// Bit 0: the sender reads the entry datagrams sent to the Kith groups of the link the beacon
    /// was multicast on (fastpath.md), so a session with it over that link need not carry the
    /// entries those datagrams bring. Meaningful only in a beacon received from a group.
    public static let readsEntryDatagrams = BeaconFlags(rawValue: 1 << 0)
}
