import KithCore
import KithStorage

/// How one entry spread across the homes given to `trace`: each home that recorded the entry's
/// arrival hangs below the home it came from, with the delay between the two arrivals (pure).
///
/// A home whose entry came from a peer that is not among the homes is shown below a stand-in
/// for that peer; a home that holds the entry without a recorded arrival, and one that does not
/// hold it, are listed apart.
struct PropagationTree: Sendable {
    /// One place in the tree.
    struct Node: Sendable {
        /// The home, or nil for a peer that is not among the homes given.
        var home: HomeTrace?
        /// The node's key (a home's own key, or the peer's).
        var key: PublicKey?
        /// When the entry arrived there, when known.
        var time: UInt64?
        /// Whether the entry was posted there.
        var isOrigin: Bool
        /// Milliseconds from the parent's arrival to this one, when both are known.
        var delay: Int64?
        /// The nodes that got the entry from this one, in order of arrival.
        var children: [Node] = []

        /// `b (3f2a-9c01)`, or `peer 3f2a-9c01 (not among the homes)`.
        var label: String {
            let fingerprint = key.map { String($0.fingerprint.full.prefix(9)) } ?? "key unknown"
            guard let home else { return "peer \(fingerprint) (not among the homes given)" }
            return "\(home.name) (\(fingerprint))"
        }
    }

    /// The trees, one per origin (usually one: the home where the entry was posted).
    private(set) var roots: [Node] = []
    /// Homes that hold the entry but recorded no arrival for it.
    private(set) var unrecorded: [HomeTrace] = []
    /// Homes that do not hold the entry.
    private(set) var missing: [HomeTrace] = []

    /// Builds the tree from what each home knows.
    init(_ homes: [HomeTrace]) {
        var recorded: [HomeTrace] = []
        for home in homes {
            if home.offset == nil {
                missing.append(home)
            } else if home.arrival == nil {
                unrecorded.append(home)
            } else {
                recorded.append(home)
            }
        }
        let byKey = Dictionary(
            recorded.compactMap { home in home.key.map { ($0, home) } },
            uniquingKeysWith: { first, _ in first })
        var children: [PublicKey: [HomeTrace]] = [:]
        var strangers: [PublicKey: [HomeTrace]] = [:]
        var origins: [HomeTrace] = []
        for home in recorded {
            switch home.arrival?.source.sender {
            case .some(let peer) where byKey[peer] != nil && peer != home.key:
                children[peer, default: []].append(home)
            case .some(let peer):
                strangers[peer, default: []].append(home)
            case nil:
                origins.append(home)
            }
        }
        func node(_ home: HomeTrace, parentTime: UInt64?, depth: Int) -> Node {
            let time = home.arrival?.time
            var result = Node(
                home: home, key: home.key, time: time,
                isOrigin: home.arrival?.source == .posted,
                delay: Self.delay(from: parentTime, to: time))
            // The depth bound stops a cycle of homes that name each other (clocks or keys gone
            // wrong) from recursing for ever.
            guard depth < homes.count, let key = home.key else { return result }
            result.children = (children[key] ?? []).sorted {
                ($0.arrival?.time ?? 0) < ($1.arrival?.time ?? 0)
            }
            .map { node($0, parentTime: time, depth: depth + 1) }
            return result
        }
        roots = origins.sorted { ($0.arrival?.time ?? 0) < ($1.arrival?.time ?? 0) }
            .map { node($0, parentTime: nil, depth: 0) }
        for (peer, homes) in strangers.sorted(by: { $0.key.hex < $1.key.hex }) {
            var stand = Node(home: nil, key: peer, time: nil, isOrigin: false, delay: nil)
            stand.children = homes.map { node($0, parentTime: nil, depth: 1) }
            roots.append(stand)
        }
        // Homes that name each other in a cycle hang below no origin: list them at the top.
        var placed: Set<String> = []
        func collect(_ node: Node) {
            if let home = node.home { placed.insert(home.home) }
            node.children.forEach(collect)
        }
        roots.forEach(collect)
        for home in recorded where !placed.contains(home.home) {
            roots.append(
                Node(
                    home: home, key: home.key, time: home.arrival?.time, isOrigin: false,
                    delay: nil))
        }
    }

    private static func delay(from start: UInt64?, to end: UInt64?) -> Int64? {
        guard let start, let end else { return nil }
        return end >= start ? Int64(clamping: end - start) : -Int64(clamping: start - end)
    }
}
