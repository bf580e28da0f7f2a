import KithMesh
import KithSimulation

/// `kith-bench simulate`: the standard measurement of issue #8 in the simulator for meshes of
/// several sizes and topologies over many seeds, then the fault and chaos scenarios. It prints
/// figures and exits non-zero when a run did not converge (so CI can run a fixed set of seeds).
enum SimulateCommand {
    /// Runs `seeds` seeds for each of `sizes` on one link and on a chain of links, then the
    /// scenarios with `seeds` seeds each. Returns whether every run converged.
    static func run(sizes: [Int], seeds: Int, firstSeed: UInt64, scenarios: Bool) -> Bool {
        var allConverged = true
        for size in sizes {
            for topology in [SimulationConfiguration.Topology.oneLink, .chain(links: 10)] {
                for seed in firstSeed..<(firstSeed + UInt64(seeds)) {
                    var configuration = SimulationConfiguration()
                    configuration.nodeCount = size
                    configuration.topology = topology
                    let simulation = MeshSimulator(configuration: configuration, seed: seed)
                    let measured = ScaleMeasurement.measure(simulation, seed: seed)
                    let name = topology == .oneLink ? "one link" : "chain of 10 links"
                    print("\(size) nodes, \(name), seed \(seed):")
                    print(
                        measured.description.split(separator: "\n").map { "  " + $0 }
                            .joined(separator: "\n"))
                    allConverged = allConverged && measured.converged && measured.connected
                }
            }
        }
        guard scenarios else { return allConverged }
        for size in sizes {
            for seed in firstSeed..<(firstSeed + UInt64(seeds)) {
                allConverged = runScenarios(size: size, seed: seed) && allConverged
            }
        }
        return allConverged
    }

    /// The chaos and fault scenarios on `size` nodes with `seed`; returns whether both converged.
    static func runScenarios(size: Int, seed: UInt64) -> Bool {
        var allConverged = true
        for (name, configure) in scenarioKinds {
            var configuration = SimulationConfiguration()
            configuration.nodeCount = size
            var scenario = SimulationScenario()
            configure(&configuration, &scenario)
            let simulation = MeshSimulator(configuration: configuration, seed: seed)
            let end = scenario.schedule(on: simulation, from: 5_000_000, seed: seed)
            simulation.run(until: end + scenario.quietDuration)
            let nodes = Array(0..<simulation.nodeCount)
            let posts = simulation.recorded.posts
            let delivered = simulation.recorded.timesToAll(posts, nodes: nodes)
                .allSatisfy { $0 != nil }
            let converged = simulation.haveConverged() && delivered
            let totals = simulation.totals
            let copies = Double(totals.copies) / Double(max(1, posts.count * (nodes.count - 1)))
            print(
                "\(name), \(size) nodes, seed \(seed): \(posts.count) posts, converged \(converged), "
                    + "\(fixed(copies, digits: 3)) copies per entry per node, "
                    + "\(simulation.recorded.lostByStore) lost by stores, "
                    + "\(simulation.recorded.crashes) crashes")
            allConverged = allConverged && converged
        }
        return allConverged
    }

    typealias Configure =
        @Sendable (inout SimulationConfiguration, inout SimulationScenario) -> Void

    /// The scenarios: chaos (lost beacons, slow links, tiny queues, crashes, a split) and faults
    /// (stores that lose entries, peers that withhold).
    static let scenarioKinds: [(String, Configure)] = [
        (
            "chaos",
            { configuration, _ in
                configuration.beaconLoss = 0.2
                configuration.latency = 100...20_000
                configuration.replication.liveQueueLimit = 4
                configuration.outputHighWatermark = 8 * 1_024
                configuration.outputLowWatermark = 2 * 1_024
            }
        ),
        (
            "faults",
            { configuration, scenario in
                configuration.storeLoss = 0.05
                configuration.withholdingNodes = Set(
                    [3, 17, 29].filter { $0 < configuration.nodeCount })
                scenario.crashes = 0
                scenario.splits = false
                scenario.silentNodes = configuration.withholdingNodes
            }
        ),
    ]
}
