import Foundation
import KithCore
import KithTestSupport
import Testing

@testable import KithStorage

/// A store on a real file system that fills up: the log, the index files and their growth all
/// meet "no space left on device" somewhere. Nothing may crash (a mapped index over a hole of a
/// full file system raises SIGBUS), nothing acknowledged may be lost, and once there is room the
/// entries refused are taken.
@Suite("EntryStore on a full file system", .serialized)
struct FullDiskStoreTests {
    @Test(
        "entries that do not fit are reported not stored; the log keeps a prefix and takes them later",
        .enabled(if: SmallFileSystem.isAvailable, "needs root to mount a small tmpfs"))
    func fillsUpAndResumes() throws {
        try withTemporaryDirectory { directory in
            let small = try SmallFileSystem.mount(at: directory + "/small", size: "1m")
            defer { small.unmount() }
            let home = small.path + "/node"
            // Many authors, so that the id table grows as well as the entry table and the log.
            let keys = (1...40).map { testKey(UInt8($0)) }
            var offered: [Entry] = []
            var previous = [EntryID](repeating: .zero, count: keys.count)
            for sequence in 1...150 {
                for (number, key) in keys.enumerated() {
                    let entry = try signedEntry(
                        key: key, sequence: UInt64(sequence), previous: previous[number],
                        text: "entry \(sequence) of \(number)")
                    previous[number] = entry.id
                    offered.append(entry)
                }
            }

            var durable: Set<EntryID> = []
            var refused = 0
            do {
                let store = try EntryStore.open(directory: home)
                var appendedSinceSync: [EntryID] = []
                for start in stride(from: 0, to: offered.count, by: 200) {
                    let batch = Array(offered[start..<min(start + 200, offered.count)])
                    let outcomes = try store.ingest(entries: batch)
                    var sawRefusal = false
                    for outcome in outcomes {
                        switch outcome {
                        case .appended(let entry):
                            // The log is a prefix: nothing appended after a refusal in a batch.
                            #expect(!sawRefusal)
                            appendedSinceSync.append(entry.id)
                        case .notStored:
                            sawRefusal = true
                            refused += 1
                        default:
                            Issue.record("unexpected outcome \(outcome)")
                        }
                    }
                    if (try? store.sync()) != nil {
                        durable.formUnion(appendedSinceSync)
                        appendedSinceSync.removeAll()
                    }
                    if sawRefusal {
                        #expect(store.lastAppendFailure != nil)
                        break
                    }
                }
                try? store.close()
            }
            #expect(refused > 0, "1 MiB should not hold \(offered.count) entries")
            #expect(!durable.isEmpty)

            // Room again: everything durable is there, chains have no hole, and the rest is taken.
            try small.resize(to: "16m")
            let store = try EntryStore.open(directory: home)
            #expect(store.openReport.unchainedEntries == 0)
            for id in durable { #expect(store.contains(id)) }
            let outcomes = try store.ingest(entries: offered)
            for outcome in outcomes {
                switch outcome {
                case .appended, .duplicate: continue
                default: Issue.record("after room came back: \(outcome)")
                }
            }
            try store.sync()
            for entry in offered { #expect(store.contains(entry.id)) }
            try store.close()
        }
    }
}
