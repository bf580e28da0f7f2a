/// The standard measurement of a mesh (issue #8's table), made in the simulator: settle, an idle
/// minute, single posts, then a burst, with what each entry cost per node.
public struct ScaleMeasurement: Sendable, CustomStringConvertible {
    /// When the last session change of the start happened, in microseconds.
    public var settleTime: UInt64 = 0
    /// Sessions per node after settling: fewest, most, mean.
    public var sessions: (min: Int, max: Int, mean: Double) = (0, 0, 0)
    /// Whether the overlay connected every node, and its diameter in sessions.
    public var connected = false
    public var diameter: Int?
    /// Session changes during the idle minute, per node.
    public var idleChangesPerNode = 0.0
    /// Beacons each node received per second during the idle minute.
    public var beaconsPerNodePerSecond = 0.0
    /// Time for one post to reach every node, p50 and p99, microseconds: of authors who posted
    /// before (their chains have trees), and of authors' first posts (a new chain travels by
    /// notes and requests).
    public var onePost: (p50: UInt64, p99: UInt64) = (0, 0)
    public var firstPost: (p50: UInt64, p99: UInt64) = (0, 0)
    /// Time for a 100-post burst to reach every node, microseconds (nil: it did not).
    public var burst: UInt64?
    /// Per entry and receiving node: full copies received, signature checks, bytes received.
    public var copiesPerEntry = 0.0
    public var verificationsPerEntry = 0.0
    public var bytesPerEntry = 0.0
    /// Whether every node holds the same entries at the end.
    public var converged = false

    /// Measures a fresh simulation: `singlePosts` posts one second apart, then a burst of
    /// `burstSize` posts from one node.
    public static func measure(
        _ simulation: MeshSimulator, singlePosts: Int = 20, burstSize: Int = 100, seed: UInt64
    ) -> ScaleMeasurement {
        var result = ScaleMeasurement()
        var random = SimulationRandom(seed: seed ^ 0x5ca1e)
        let nodes = Array(0..<simulation.nodeCount)
        simulation.run(until: 30_000_000)
        result.settleTime = simulation.recorded.sessionEvents.last?.time ?? 0
        let counts = simulation.sessionCounts
        result.sessions = (
            counts.min() ?? 0, counts.max() ?? 0,
            Double(counts.reduce(0, +)) / Double(max(1, counts.count))
        )
        result.connected = simulation.isOverlayConnected
        result.diameter = simulation.overlayDiameter
        let changesBefore = simulation.recorded.sessionEvents.count
        let beaconsBefore = simulation.recorded.beaconsReceived
        simulation.run(until: 90_000_000)
        let nodeCount = Double(simulation.nodeCount)
        result.idleChangesPerNode =
            Double(simulation.recorded.sessionEvents.count - changesBefore) / nodeCount
        result.beaconsPerNodePerSecond =
            Double(simulation.recorded.beaconsReceived - beaconsBefore) / nodeCount / 60

        let before = simulation.totals
        var firsts: [SimulationReport.Post] = []
        var laters: [SimulationReport.Post] = []
        for _ in 0..<singlePosts {
            let author = Int.random(in: nodes.indices, using: &random)
            for round in 0..<2 {
                let index = simulation.recorded.posts.count
                simulation.post(at: author)
                simulation.run(for: 1_000_000)
                let post = simulation.recorded.posts[index]
                if round == 0 { firsts.append(post) } else { laters.append(post) }
            }
        }
        let firstTimes = simulation.recorded.timesToAll(firsts, nodes: nodes).compactMap { $0 }
        let laterTimes = simulation.recorded.timesToAll(laters, nodes: nodes).compactMap { $0 }
        result.firstPost = (quantile(firstTimes, 0.5) ?? 0, quantile(firstTimes, 0.99) ?? 0)
        result.onePost = (quantile(laterTimes, 0.5) ?? 0, quantile(laterTimes, 0.99) ?? 0)

        let burstStart = simulation.recorded.posts.count
        let author = Int.random(in: nodes.indices, using: &random)
        for _ in 0..<burstSize { simulation.post(at: author) }
        let burst = Array(simulation.recorded.posts[burstStart...])
        let reached = simulation.run(for: 60_000_000) {
            simulation.recorded.timesToAll(burst, nodes: nodes).allSatisfy { $0 != nil }
        }
        if reached {
            result.burst = simulation.recorded.timesToAll(burst, nodes: nodes).compactMap { $0 }
                .max()
        }
        simulation.run(for: 5_000_000)
        let after = simulation.totals
        let received = Double(2 * singlePosts + burstSize) * (nodeCount - 1)
        result.copiesPerEntry = Double(after.copies - before.copies) / received
        result.verificationsPerEntry = Double(after.verifications - before.verifications) / received
        result.bytesPerEntry = Double(after.bytes - before.bytes) / received
        result.converged = simulation.haveConverged()
        return result
    }

    /// One line per figure.
    public var description: String {
        func ms(_ microseconds: UInt64) -> String {
            fixed(Double(microseconds) / 1_000, digits: 1) + " ms"
        }
        return """
            settled at \(ms(settleTime)); sessions per node \(sessions.min)–\(sessions.max) \
            (mean \(fixed(sessions.mean, digits: 1))); connected \(connected), diameter \
            \(diameter.map(String.init) ?? "-")
            idle minute: \(fixed(idleChangesPerNode, digits: 2)) session changes per node, \
            \(fixed(beaconsPerNodePerSecond, digits: 1)) beacons per node per second
            1 post → every node: p50 \(ms(onePost.p50)), p99 \(ms(onePost.p99)) (an author's \
            first: p50 \(ms(firstPost.p50)), p99 \(ms(firstPost.p99))); burst → every node: \
            \(burst.map(ms) ?? "not reached")
            per entry per node: \(fixed(copiesPerEntry, digits: 3)) copies, \
            \(fixed(verificationsPerEntry, digits: 3)) signature checks, \
            \(fixed(bytesPerEntry, digits: 0)) bytes; converged \(converged)
            """
    }
}

/// `value` with `digits` digits after the point (no Foundation in the simulator).
public func fixed(_ value: Double, digits: Int) -> String {
    guard value.isFinite else { return "\(value)" }
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let scaled = (abs(value) * scale).rounded()
    let whole = Int(scaled / scale)
    let fraction = Int(scaled - Double(whole) * scale)
    let sign = value < 0 && scaled > 0 ? "-" : ""
    guard digits > 0 else { return sign + String(whole) }
    let digitsText = String(fraction)
    return sign + String(whole) + "." + String(repeating: "0", count: digits - digitsText.count)
        + digitsText
}
