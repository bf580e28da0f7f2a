import KithCore

/// An entry datagram that authenticated with a community key, with its entry decoded (its
/// signature not yet checked).
public struct OpenedEntryDatagram: Sendable, Equatable {
    /// The datagram's fields.
    public let datagram: EntryDatagram
    /// The entry it carries, of `community`, by `datagram.nodeKey`.
    public let entry: Entry
    /// The community whose key opened it.
    public let community: CommunityKey
}
