/// A run that goes wrong in many ways at once, drawn from a seed: bursts of posts from random
/// nodes, crashes and restarts, and a split of the network that heals, over a network that loses
/// beacons. After the last trouble the network is left alone, so that every node can converge.
public struct SimulationScenario: Sendable {
    /// Bursts: how many, and the most posts in one.
    public var bursts = 20
    public var largestBurst = 50
    /// Nodes crashed (each restarted 5 to 30 s later).
    public var crashes = 3
    /// Whether the network splits in two for a while.
    public var splits = true
    /// Nodes that never post (a withholding node's own posts could never spread).
    public var silentNodes: Set<Int> = []
    /// The time, in microseconds, over which the trouble is spread.
    public var troubleDuration: UInt64 = 90_000_000
    /// The quiet time after it, in microseconds, before the run is judged.
    public var quietDuration: UInt64 = 120_000_000

    /// The defaults.
    public init() {}

    /// Schedules the scenario on `simulation` from time `start`, with its own generator seeded
    /// with `seed`; returns when the trouble ends.
    @discardableResult
    public func schedule(on simulation: MeshSimulator, from start: UInt64, seed: UInt64) -> UInt64 {
        var random = SimulationRandom(seed: seed)
        let nodes = simulation.nodeCount
        let end = start + troubleDuration
        for _ in 0..<bursts {
            let time = UInt64.random(in: start..<end, using: &random)
            var node = Int.random(in: 0..<nodes, using: &random)
            while silentNodes.contains(node) { node = (node + 1) % nodes }
            let size = Int.random(in: 1...largestBurst, using: &random)
            let spacing = UInt64.random(in: 0...2_000, using: &random)
            for index in 0..<size {
                simulation.schedule(at: time + UInt64(index) * spacing) { $0.post(at: node) }
            }
        }
        for _ in 0..<crashes {
            let time = UInt64.random(in: start..<end, using: &random)
            let node = Int.random(in: 0..<nodes, using: &random)
            let down = UInt64.random(in: 5_000_000...30_000_000, using: &random)
            simulation.schedule(at: time) { $0.crash(node) }
            simulation.schedule(at: time + down) { $0.restart(node) }
        }
        if splits {
            let time = UInt64.random(in: start..<(start + end) / 2, using: &random)
            let length = UInt64.random(in: 10_000_000...60_000_000, using: &random)
            let salt = random.next()
            simulation.schedule(at: time) { simulation in
                simulation.split { node in Int((UInt64(node) &* 0x9e37_79b9 ^ salt) % 2) }
            }
            simulation.schedule(at: min(end, time + length)) { $0.heal() }
        }
        return end
    }
}
