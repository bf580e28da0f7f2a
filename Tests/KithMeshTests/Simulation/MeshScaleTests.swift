import KithCore
import KithMesh
import KithSimulation
import Testing

/// The whole protocol at scale in the simulator: discovery, the overlay policy and the
/// replication engine of every node, many nodes on one link, with a simulated clock. Each test
/// runs a fixed set of seeds; `kith-bench simulate` runs more, and larger meshes.
@Suite("Mesh simulation at scale")
struct MeshScaleTests {
    @Test(
        "100 nodes on one link: a bounded, connected, still overlay; each entry crosses each node once",
        arguments: [UInt64(1), 2, 3])
    func hundredNodesOnOneLink(seed: UInt64) {
        var configuration = SimulationConfiguration()
        configuration.nodeCount = 100
        let simulation = MeshSimulator(configuration: configuration, seed: seed)
        let measured = ScaleMeasurement.measure(simulation, seed: seed)
        print("seed \(seed):\n\(measured)")
        #expect(measured.connected)
        #expect(measured.sessions.max <= 8)
        #expect(measured.sessions.min >= 3)
        #expect(measured.idleChangesPerNode == 0)
        #expect(measured.beaconsPerNodePerSecond <= 22)
        #expect(measured.burst != nil)
        #expect(measured.converged)
        #expect(measured.copiesPerEntry <= 1.5)
        #expect(measured.verificationsPerEntry <= 1.1)
    }

    @Test("1,000 nodes on one link: at most 8 sessions each, connected, still, and converged")
    func thousandNodesOnOneLink() {
        var configuration = SimulationConfiguration()
        configuration.nodeCount = 1_000
        let simulation = MeshSimulator(configuration: configuration, seed: 7)
        let measured = ScaleMeasurement.measure(simulation, singlePosts: 3, burstSize: 50, seed: 7)
        print("1,000 nodes, seed 7:\n\(measured)")
        #expect(measured.connected)
        #expect(measured.sessions.max <= 8)
        #expect(measured.idleChangesPerNode == 0)
        #expect(measured.burst != nil)
        #expect(measured.converged)
        #expect(measured.copiesPerEntry <= 1.5)
        #expect(measured.verificationsPerEntry <= 1.1)
    }

    @Test(
        "50 nodes on a chain of 5 links: the multi-homed nodes join the links",
        arguments: [UInt64(4), 5])
    func chainOfLinks(seed: UInt64) {
        var configuration = SimulationConfiguration()
        configuration.nodeCount = 50
        configuration.topology = .chain(links: 5)
        let simulation = MeshSimulator(configuration: configuration, seed: seed)
        let measured = ScaleMeasurement.measure(simulation, seed: seed)
        print("seed \(seed):\n\(measured)")
        #expect(measured.connected)
        #expect(measured.burst != nil)
        #expect(measured.converged)
        #expect(measured.idleChangesPerNode == 0)
    }

    @Test(
        "bursts, lost beacons, tiny queues, crashes and a split: every node converges and the overlay settles",
        arguments: [UInt64(11), 12, 13, 14])
    func chaos(seed: UInt64) {
        var configuration = SimulationConfiguration()
        configuration.nodeCount = 40
        configuration.beaconLoss = 0.2
        configuration.latency = 100...20_000
        configuration.replication.liveQueueLimit = 4
        configuration.outputHighWatermark = 8 * 1_024
        configuration.outputLowWatermark = 2 * 1_024
        let simulation = MeshSimulator(configuration: configuration, seed: seed)
        let scenario = SimulationScenario()
        let end = scenario.schedule(on: simulation, from: 5_000_000, seed: seed)
        simulation.run(until: end + scenario.quietDuration)
        let nodes = Array(0..<simulation.nodeCount)
        #expect(simulation.runningNodes == nodes)
        #expect(simulation.haveConverged())
        let posts = simulation.recorded.posts
        #expect(!posts.isEmpty)
        #expect(simulation.recorded.timesToAll(posts, nodes: nodes).allSatisfy { $0 != nil })
        #expect(simulation.sessionCounts.allSatisfy { $0 <= 9 })
        #expect(simulation.isOverlayConnected)
        // No session storm: the overlay is still for the last minute.
        let last = simulation.now
        #expect(simulation.recorded.sessionChanges(from: last - 60_000_000, to: last) == 0)
        let totals = simulation.totals
        let copies = Double(totals.copies) / Double(posts.count * (nodes.count - 1))
        print(
            "seed \(seed): \(posts.count) posts, \(simulation.recorded.crashes) crashes, "
                + "\(fixed(copies, digits: 2)) copies per entry per node")
        #expect(copies <= 3)
    }

    @Test(
        "entries lost by stores are found by digests; peers that withhold cannot stop a chain",
        arguments: [UInt64(21), 22, 23])
    func faults(seed: UInt64) {
        var configuration = SimulationConfiguration()
        configuration.nodeCount = 40
        configuration.storeLoss = 0.05
        configuration.withholdingNodes = [3, 17, 29]
        let simulation = MeshSimulator(configuration: configuration, seed: seed)
        var scenario = SimulationScenario()
        scenario.crashes = 0
        scenario.splits = false
        scenario.silentNodes = configuration.withholdingNodes
        let end = scenario.schedule(on: simulation, from: 5_000_000, seed: seed)
        simulation.run(until: end + scenario.quietDuration)
        let nodes = Array(0..<simulation.nodeCount)
        let posts = simulation.recorded.posts
        print(
            "seed \(seed): \(posts.count) posts, \(simulation.recorded.lostByStore) entries lost by stores"
        )
        #expect(simulation.recorded.lostByStore > 0)
        #expect(simulation.haveConverged(), "\(simulation.describeMissing())")
        #expect(simulation.recorded.timesToAll(posts, nodes: nodes).allSatisfy { $0 != nil })
    }
}
