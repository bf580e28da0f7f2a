import KithCore
import KithSystem

/// What a node remembers of a peer it heard beacons from (discovery.md, "Acting on beacons").
public struct HeardPeer: Sendable, Equatable {
    /// The most addresses remembered per peer.
    public static let addressLimit = 8

    /// The peer's node key, as its beacons claim (the handshake proves it).
    public let key: PublicKey
    /// Where it accepts sessions (source address and beacon port), most recently heard first.
    public private(set) var addresses: [SocketAddress]
    /// The communities it was heard in, in the order first heard.
    public private(set) var communities: [CommunityKey]
    /// The community of its latest beacon: the one a dial's handshake uses.
    public private(set) var latestCommunity: CommunityKey
    /// When it was first heard (monotonic milliseconds).
    public let firstHeard: UInt64
    /// When it was last heard.
    public private(set) var lastHeard: UInt64
    /// The interfaces on which its latest beacon from the group said that it reads the entry
    /// datagrams of the link (fastpath.md, "Receiving"), each with when that beacon came; at most
    /// one per interface of this host.
    public private(set) var readsEntryDatagramsOn: [UInt32: UInt64] = [:]

    /// A peer first heard at `now` in `community` at `address`.
    public init(key: PublicKey, community: CommunityKey, address: SocketAddress, now: UInt64) {
        self.key = key
        addresses = [address]
        communities = [community]
        latestCommunity = community
        firstHeard = now
        lastHeard = now
    }

    /// The address to dial: the most recently heard.
    public var latestAddress: SocketAddress? { addresses.first }

    /// Records another beacon.
    mutating func heard(community: CommunityKey, address: SocketAddress, now: UInt64) {
        addresses.removeAll { $0 == address }
        addresses.insert(address, at: 0)
        if addresses.count > Self.addressLimit { addresses.removeLast() }
        if !communities.contains(community) { communities.append(community) }
        latestCommunity = community
        lastHeard = max(lastHeard, now)
    }

    /// Records what a beacon received at `now` from the group on interface `index` said of the
    /// entry datagrams of that link.
    mutating func heard(readsEntryDatagrams: Bool, onInterface index: UInt32, now: UInt64) {
        readsEntryDatagramsOn[index] = readsEntryDatagrams ? now : nil
    }

    /// Forgets that it was heard in the communities `left` (the node left them); returns false
    /// when no community it was heard in remains. A dial then uses a community still held.
    mutating func forgetCommunities(_ left: Set<CommunityID>) -> Bool {
        communities.removeAll { left.contains($0.id) }
        guard let last = communities.last else { return false }
        if left.contains(latestCommunity.id) { latestCommunity = last }
        return true
    }
}
