import KithCore

/// A beacon that authenticated, with the community whose key opened it.
public struct OpenedBeacon: Sendable, Equatable {
    /// What the beacon says.
    public let beacon: Beacon
    /// The community the sender announced itself in.
    public let community: CommunityKey

    /// Pairs a beacon with its community.
    public init(beacon: Beacon, community: CommunityKey) {
        self.beacon = beacon
        self.community = community
    }
}
