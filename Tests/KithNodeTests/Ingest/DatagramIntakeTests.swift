import KithControl
import KithCore
import Testing

@testable import KithNode

/// Which entries of the fast path a node takes in one turn (fastpath.md, "Receiving"): only the
/// next entry of a chain it holds, or of the entry it took just before from that chain.
@Suite("Datagram intake")
struct DatagramIntakeTests {
    /// A chain of `count` posts by one author in the lobby, seed fixed.
    static func chain(_ count: Int, seed: UInt8 = 5) throws -> [Entry] {
        let author = try SigningKey(seed: [UInt8](repeating: seed, count: 32))
        var entries: [Entry] = []
        var previous = EntryID.zero
        for sequence in 1...UInt64(count) {
            let post = try Post(channel: .general, text: "entry \(sequence)")
            let entry = try Entry.sign(
                community: DefaultCommunity.id, sequence: sequence, previous: previous,
                timestamp: 0, contentType: .post, content: post.encoded(), with: author)
            entries.append(entry)
            previous = entry.id
        }
        return entries
    }

    /// Offers `entry` to `intake` and says whether it was queued (`#expect` cannot call a
    /// mutating method itself).
    func offer(
        _ entry: Entry, to intake: inout DatagramIntake, on interfaceIndex: UInt32,
        logHead: DatagramIntake.Head?
    ) -> Bool {
        intake.offer(entry, interfaceIndex: interfaceIndex, logHead: logHead)
    }

    static func head(of entry: Entry) -> DatagramIntake.Head {
        DatagramIntake.Head(sequence: entry.sequence, id: entry.id)
    }

    @Test("the next entry of a chain held is queued; a run of them in one turn too")
    func nextEntriesQueued() throws {
        let entries = try Self.chain(4)
        var intake = DatagramIntake()
        let held = Self.head(of: entries[0])
        #expect(offer(entries[1], to: &intake, on: 2, logHead: held))
        // The log still says entry 1: entry 3 follows the entry queued in this turn.
        #expect(offer(entries[2], to: &intake, on: 3, logHead: held))
        #expect(intake.hasPending)
        let batch = intake.takeBatch()
        #expect(batch.map(\.entry) == [entries[1], entries[2]])
        #expect(batch.map(\.interfaceIndex) == [2, 3])
        #expect(!intake.hasPending)
        #expect(intake.entriesNotStored == 0)
    }

    @Test("a gap, a repeat, a wrong previous id and a chain not held are left to sessions")
    func othersRefused() throws {
        let entries = try Self.chain(4)
        let other = try Self.chain(2, seed: 6)
        var intake = DatagramIntake()
        let held = Self.head(of: entries[0])
        #expect(!offer(entries[2], to: &intake, on: 1, logHead: held))
        #expect(!offer(entries[0], to: &intake, on: 1, logHead: held))
        // Entry 2 of another chain has the right sequence number but another previous id.
        #expect(!offer(other[1], to: &intake, on: 1, logHead: held))
        #expect(!offer(entries[1], to: &intake, on: 1, logHead: nil))
        #expect(!intake.hasPending)
        #expect(intake.entriesNotStored == 4)
    }

    @Test("the next turn starts from the log's head again, not from what was queued")
    func turnForgetsQueuedHeads() throws {
        let entries = try Self.chain(3)
        var intake = DatagramIntake()
        #expect(offer(entries[1], to: &intake, on: 1, logHead: Self.head(of: entries[0])))
        _ = intake.takeBatch()
        // The batch was not stored after all: the log's head is still entry 1.
        #expect(!offer(entries[2], to: &intake, on: 1, logHead: Self.head(of: entries[0])))
        #expect(offer(entries[1], to: &intake, on: 1, logHead: Self.head(of: entries[0])))
    }

    @Test("what became of a batch is counted")
    func outcomesCounted() {
        var intake = DatagramIntake()
        intake.record(appended: 5, notStored: 2)
        intake.record(appended: 1, notStored: 0)
        #expect(intake.entriesAppended == 6)
        #expect(intake.entriesNotStored == 2)
    }
}
