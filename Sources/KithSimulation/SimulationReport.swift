import KithCore

/// What a simulation recorded: every post and when each node stored it, beacons, dials and
/// session changes. The simulator adds to it as it runs.
public struct SimulationReport: Sendable {
    /// A post: its id, the node that posted it, and when (microseconds).
    public struct Post: Sendable {
        public var id: EntryID
        public var node: Int
        public var time: UInt64
    }

    /// The number of nodes.
    public var nodeCount = 0
    /// Every post, in order.
    public private(set) var posts: [Post] = []
    /// For each post, when each node stored it (nil: not yet).
    private var arrivals: [EntryID: [UInt64?]] = [:]
    /// Beacons sent.
    public var beaconsSent = 0
    /// Beacons received (after losses).
    public var beaconsReceived = 0
    /// Dials made.
    public var dials = 0
    /// Sessions refused because the responder had no place.
    public var refusals = 0
    /// Nodes crashed.
    public var crashes = 0
    /// Entries a node failed to store (``SimulationConfiguration/storeLoss``).
    public var lostByStore = 0
    /// Every session opened or closed: when, at which node, and whether it opened.
    public var sessionEvents: [(time: UInt64, node: Int, opened: Bool)] = []

    mutating func posted(_ id: EntryID, by node: Int, at time: UInt64) {
        posts.append(Post(id: id, node: node, time: time))
        arrivals[id] = Array(repeating: nil, count: nodeCount)
    }

    mutating func arrived(_ id: EntryID, at node: Int, time: UInt64) {
        guard var times = arrivals[id], times[node] == nil else { return }
        times[node] = time
        arrivals[id] = times
    }

    /// When `node` stored post `id`, if it did.
    public func arrival(of id: EntryID, at node: Int) -> UInt64? {
        arrivals[id]?[node] ?? nil
    }

    /// For each of `posts`, the time from posting until every node in `nodes` stored it, in
    /// microseconds; nil for a post some node never stored.
    public func timesToAll(_ posts: [Post], nodes: [Int]) -> [UInt64?] {
        posts.map { post in
            var latest: UInt64 = 0
            for node in nodes {
                guard let time = arrivals[post.id]?[node] ?? nil else { return nil }
                latest = max(latest, time - post.time)
            }
            return latest
        }
    }

    /// The session changes (opens and closes) between `start` and `end`, counted per node.
    public func sessionChanges(from start: UInt64, to end: UInt64) -> Int {
        sessionEvents.filter { $0.time >= start && $0.time < end }.count
    }
}

/// The value at quantile `q` (0 to 1) of `values`, nearest rank; nil when there are none.
public func quantile(_ values: [UInt64], _ q: Double) -> UInt64? {
    guard !values.isEmpty else { return nil }
    let sorted = values.sorted()
    let rank = Int((q * Double(sorted.count)).rounded(.up)) - 1
    return sorted[min(max(rank, 0), sorted.count - 1)]
}
