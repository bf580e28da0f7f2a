import KithCore
import KithMesh
import KithTestSupport
import Testing

@Suite("Beacon replay guard")
struct BeaconReplayGuardTests {
    static let window = BeaconReplayGuard.defaultWindowMilliseconds

    static func beacon(
        _ key: PublicKey, boot: UInt64 = 1, counter: UInt64, time: UInt64 = MeshFixtures.now
    ) -> Beacon {
        Beacon(nodeKey: key, port: 4000, bootID: boot, counter: counter, time: time)
    }

    @Test("each counter of a run is accepted once; an overtaken beacon within 64 is accepted")
    func counterOrdering() throws {
        let own = try MeshFixtures.alice().publicKey
        let bob = try MeshFixtures.bob().publicKey
        var guardian = BeaconReplayGuard(ownKey: own)
        let now = MeshFixtures.now
        #expect(
            guardian.admit(Self.beacon(bob, counter: 5), now: now) == .accepted(firstOfRun: true))
        #expect(
            guardian.admit(Self.beacon(bob, counter: 5), now: now)
                == .rejected(.replayed(highestAccepted: 5)))
        // Overtaken by 5 (sent on the other socket): accepted once, then a replay.
        #expect(
            guardian.admit(Self.beacon(bob, counter: 4), now: now) == .accepted(firstOfRun: false))
        #expect(
            guardian.admit(Self.beacon(bob, counter: 4), now: now)
                == .rejected(.replayed(highestAccepted: 5)))
        #expect(
            guardian.admit(Self.beacon(bob, counter: 9), now: now) == .accepted(firstOfRun: false))
        #expect(
            guardian.admit(Self.beacon(bob, counter: 6), now: now) == .accepted(firstOfRun: false))
        // 5 and 4 are still remembered after the window moved on.
        #expect(
            guardian.admit(Self.beacon(bob, counter: 5), now: now)
                == .rejected(.replayed(highestAccepted: 9)))
        #expect(
            guardian.admit(Self.beacon(bob, counter: 4), now: now)
                == .rejected(.replayed(highestAccepted: 9)))
        #expect(
            guardian.admit(Self.beacon(bob, counter: 10), now: now) == .accepted(firstOfRun: false))
        // Counters 64 or more below the highest are too old, whether seen or not.
        #expect(
            guardian.admit(Self.beacon(bob, counter: 100), now: now)
                == .accepted(firstOfRun: false))
        #expect(
            guardian.admit(Self.beacon(bob, counter: 36), now: now)
                == .rejected(.replayed(highestAccepted: 100)))
        #expect(
            guardian.admit(Self.beacon(bob, counter: 37), now: now)
                == .accepted(firstOfRun: false))
        // A jump past the whole window forgets the old mask.
        #expect(
            guardian.admit(Self.beacon(bob, counter: 1_000), now: now)
                == .accepted(firstOfRun: false))
        #expect(
            guardian.admit(Self.beacon(bob, counter: 999), now: now)
                == .accepted(firstOfRun: false))
        #expect(
            guardian.admit(Self.beacon(bob, counter: 1_000), now: now)
                == .rejected(.replayed(highestAccepted: 1_000)))
    }

    @Test("a new run must claim a time within the window; a known run is ordered by counter only")
    func clockWindow() throws {
        let own = try MeshFixtures.alice().publicKey
        let bob = try MeshFixtures.bob().publicKey
        var guardian = BeaconReplayGuard(ownKey: own)
        let now = MeshFixtures.now
        #expect(
            guardian.admit(
                Self.beacon(bob, boot: 1, counter: 0, time: now - Self.window - 1), now: now)
                == .rejected(.clockSkew(claimed: now - Self.window - 1, now: now)))
        #expect(
            guardian.admit(
                Self.beacon(bob, boot: 1, counter: 0, time: now + Self.window + 1), now: now)
                == .rejected(.clockSkew(claimed: now + Self.window + 1, now: now)))
        #expect(guardian.count == 0)
        #expect(
            guardian.admit(Self.beacon(bob, boot: 1, counter: 0, time: now - Self.window), now: now)
                == .accepted(firstOfRun: true))
        #expect(
            guardian.admit(Self.beacon(bob, boot: 2, counter: 0, time: now + Self.window), now: now)
                == .accepted(firstOfRun: true))
        // Once the run is known, its later beacons need no time check.
        #expect(
            guardian.admit(Self.beacon(bob, boot: 1, counter: 1, time: 0), now: now)
                == .accepted(firstOfRun: false))
        // A clock near zero does not overflow.
        #expect(
            guardian.admit(Self.beacon(bob, boot: 3, counter: 0, time: UInt64.max), now: 0)
                == .rejected(.clockSkew(claimed: UInt64.max, now: 0)))
    }

    @Test("a new run of the same node starts its own counter")
    func restart() throws {
        var guardian = BeaconReplayGuard(ownKey: try MeshFixtures.alice().publicKey)
        let bob = try MeshFixtures.bob().publicKey
        #expect(
            guardian.admit(Self.beacon(bob, boot: 1, counter: 100), now: MeshFixtures.now)
                == .accepted(firstOfRun: true))
        #expect(
            guardian.admit(Self.beacon(bob, boot: 2, counter: 0), now: MeshFixtures.now)
                == .accepted(firstOfRun: true))
        #expect(
            guardian.admit(Self.beacon(bob, boot: 1, counter: 30), now: MeshFixtures.now)
                == .rejected(.replayed(highestAccepted: 100)))
    }

    @Test("the node's own beacons are rejected")
    func ownBeacon() throws {
        let alice = try MeshFixtures.alice().publicKey
        var guardian = BeaconReplayGuard(ownKey: alice)
        #expect(
            guardian.admit(Self.beacon(alice, counter: 0), now: MeshFixtures.now)
                == .rejected(.ownBeacon))
        #expect(guardian.count == 0)
    }

    @Test("memory is bounded and the least recently used run is forgotten first")
    func boundedLRU() throws {
        let own = try MeshFixtures.alice().publicKey
        let bob = try MeshFixtures.bob().publicKey
        let carol = try MeshFixtures.carol().publicKey
        var guardian = BeaconReplayGuard(ownKey: own, capacity: 2)
        let now = MeshFixtures.now
        #expect(
            guardian.admit(Self.beacon(bob, boot: 1, counter: 1), now: now)
                == .accepted(firstOfRun: true))
        #expect(
            guardian.admit(Self.beacon(carol, boot: 1, counter: 1), now: now)
                == .accepted(firstOfRun: true))
        // Using bob's run makes carol's the least recently used.
        #expect(
            guardian.admit(Self.beacon(bob, boot: 1, counter: 2), now: now)
                == .accepted(firstOfRun: false))
        #expect(
            guardian.admit(Self.beacon(bob, boot: 2, counter: 1), now: now)
                == .accepted(firstOfRun: true))
        #expect(guardian.count == 2)
        // carol's run was evicted: her old beacon counts as a new run again (and is in the window).
        #expect(
            guardian.admit(Self.beacon(carol, boot: 1, counter: 1), now: now)
                == .accepted(firstOfRun: true))
        // ...which evicted bob's first run, the least recently used now.
        #expect(
            guardian.admit(Self.beacon(bob, boot: 2, counter: 1), now: now)
                == .rejected(.replayed(highestAccepted: 1)))
        #expect(
            guardian.admit(Self.beacon(bob, boot: 1, counter: 2), now: now)
                == .accepted(firstOfRun: true))

        var large = BeaconReplayGuard(ownKey: own, capacity: 16)
        var random = SeededRandomSource("many runs")
        for _ in 0..<200 {
            let boot = random.bytes(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            _ = large.admit(Self.beacon(bob, boot: boot, counter: 0), now: now)
            #expect(large.count <= 16)
        }
        #expect(large.count == 16)
    }

    @Test("a replayed datagram from the wire is caught after it opens")
    func replayedDatagram() throws {
        let alice = try MeshFixtures.alice()
        let bob = try MeshFixtures.bob()
        let key = BeaconKey(community: try MeshFixtures.garden())
        var announcer = BeaconAnnouncer(nodeKey: alice.publicKey, port: 4000, bootID: 42)
        let first = announcer.nextDatagram(for: key, now: MeshFixtures.now)
        let second = announcer.nextDatagram(for: key, now: MeshFixtures.now + 1000)
        var guardian = BeaconReplayGuard(ownKey: bob.publicKey)
        let now = MeshFixtures.now + 1000
        #expect(
            guardian.admit(try BeaconCodec.open(first, keys: [key]).beacon, now: now)
                == .accepted(firstOfRun: true))
        #expect(
            guardian.admit(try BeaconCodec.open(second, keys: [key]).beacon, now: now)
                == .accepted(firstOfRun: false))
        #expect(
            guardian.admit(try BeaconCodec.open(first, keys: [key]).beacon, now: now)
                == .rejected(.replayed(highestAccepted: 1)))
        // A receiver that restarted (empty table) rejects the recording once it is 5 minutes old.
        var restarted = BeaconReplayGuard(ownKey: bob.publicKey)
        let later = MeshFixtures.now + Self.window + 1
        #expect(
            restarted.admit(try BeaconCodec.open(first, keys: [key]).beacon, now: later)
                == .rejected(.clockSkew(claimed: MeshFixtures.now, now: later)))
    }
}
