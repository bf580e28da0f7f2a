import KithCore

/// The key that seals and opens one community's entry datagrams:
/// `BLAKE2b-256(key: community key, "kith entry datagram key v1")` (fastpath.md).
public struct EntryDatagramKey: Sendable {
    /// The label hashed under the community key.
    public static let derivationLabel = "kith entry datagram key v1"

    /// The community whose entry datagrams this key seals and opens.
    public let community: CommunityKey

    /// The derived key.
    let secret: SecretBytes

    /// The entry datagram key of `community`.
    public init(community: CommunityKey) {
        self.community = community
        secret = DatagramEnvelope.derivedKey(of: community, label: Self.derivationLabel)
    }
}
