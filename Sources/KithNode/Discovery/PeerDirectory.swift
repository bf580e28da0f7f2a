import KithCore
import KithMesh
import KithSystem

/// The peers a node heard beacons from, by node key (discovery.md, "Acting on beacons"). Pure:
/// the caller says what time it is.
///
/// A peer not heard for a while is forgotten (the caller says how long: discovery.md ties it to the
/// beacon interval); at most `capacity` peers are remembered (a new one replaces the one heard least
/// recently), so memory stays bounded whatever the network sends.
public struct PeerDirectory: Sendable {
    /// The most peers remembered.
    public let capacity: Int

    private var peers: [PublicKey: HeardPeer] = [:]

    /// An empty directory.
    public init(capacity: Int = 1_024) {
        self.capacity = max(capacity, 1)
    }

    /// The number of peers remembered.
    public var count: Int { peers.count }

    /// Every peer remembered, in no particular order.
    public var all: [HeardPeer] { Array(peers.values) }

    /// The peer with `key`, if remembered.
    public subscript(key: PublicKey) -> HeardPeer? { peers[key] }

    /// Records a beacon from `key` in `community`, announcing sessions at `address`; when it
    /// came from the group of a link, `groupInterface` is that link's interface and `flags` what
    /// the beacon said. Returns true when the peer was not remembered before.
    @discardableResult
    public mutating func heard(
        _ key: PublicKey, community: CommunityKey, address: SocketAddress, now: UInt64,
        groupInterface: UInt32? = nil, flags: BeaconFlags = []
    ) -> Bool {
        let isNew = peers[key] == nil
        if !isNew {
            peers[key]?.heard(community: community, address: address, now: now)
        } else {
            if peers.count >= capacity,
                let stalest = peers.values.min(by: { $0.lastHeard < $1.lastHeard })
            {
                peers[stalest.key] = nil
            }
            peers[key] = HeardPeer(key: key, community: community, address: address, now: now)
        }
        if let groupInterface {
            peers[key]?.heard(
                readsEntryDatagrams: flags.contains(.readsEntryDatagrams),
                onInterface: groupInterface, now: now)
        }
        return isNew
    }

    /// Whether the peer `key`, in its latest beacon from the group of the link on interface
    /// `index`, said that it reads the link's entry datagrams, and that beacon came less than
    /// `within` milliseconds before `now` (a peer that stopped beaconing there, say restarted
    /// with multicast off, no longer counts once a peer that silent would be forgotten).
    public func readsEntryDatagrams(
        _ key: PublicKey, onInterface index: UInt32, now: UInt64, within: UInt64
    ) -> Bool {
        guard let heard = peers[key]?.readsEntryDatagramsOn[index] else { return false }
        return now < heard + within
    }

    /// Forgets the communities `left` (the node left them) of every peer, and the peers heard in
    /// no other community; returns the keys of those, in key order.
    public mutating func forgetCommunities(_ left: Set<CommunityID>) -> [PublicKey] {
        guard !left.isEmpty else { return [] }
        var gone: [PublicKey] = []
        for key in Array(peers.keys) where peers[key]?.forgetCommunities(left) == false {
            peers[key] = nil
            gone.append(key)
        }
        return gone.sorted { $0.bytes.lexicographicallyPrecedes($1.bytes) }
    }

    /// Forgets the peers not heard for `forgetAfter` milliseconds at `now`, except those in
    /// `keeping` (peers with a session: discovery.md forgets them only once it ends), and returns
    /// their keys, in key order.
    public mutating func forgetSilent(
        now: UInt64, after forgetAfter: UInt64, keeping: Set<PublicKey> = []
    ) -> [PublicKey] {
        let silent = peers.values.filter {
            now >= $0.lastHeard && now - $0.lastHeard >= forgetAfter && !keeping.contains($0.key)
        }.sorted { $0.key.bytes.lexicographicallyPrecedes($1.key.bytes) }
        for peer in silent { peers[peer.key] = nil }
        return silent.map(\.key)
    }
}
