import KithCore

/// The key that seals and opens one community's beacons:
/// `BLAKE2b-256(key: community key, "kith beacon key v1")` (discovery.md).
public struct BeaconKey: Sendable {
    /// The label hashed under the community key.
    public static let derivationLabel = "kith beacon key v1"

    /// The community whose beacons this key seals and opens.
    public let community: CommunityKey

    /// The derived key.
    let secret: SecretBytes

    /// The beacon key of `community`.
    public init(community: CommunityKey) {
        self.community = community
        secret = DatagramEnvelope.derivedKey(of: community, label: Self.derivationLabel)
    }
}
