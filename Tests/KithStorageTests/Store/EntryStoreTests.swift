import Foundation
import KithCore
import Testing

@testable import KithStorage

/// A deterministic signing key for tests.
func testKey(_ number: UInt8) -> SigningKey {
    // A fixed, distinct seed per number; never a real identity.
    (try? SigningKey(seed: [UInt8](repeating: number, count: 32))) ?? SigningKey.generate()
}

/// Posts `count` entries to `channel` for `key`, returning them in order.
@discardableResult
func publishPosts(
    _ store: EntryStore, key: SigningKey, count: Int, channel: String = "general",
    community: CommunityID = DefaultCommunity.id, firstTimestamp: UInt64 = 1_700_000_000_000
) throws -> [Entry] {
    var entries: [Entry] = []
    let channelName = try ChannelName(channel)
    for number in 0..<count {
        let post = try Post(channel: channelName, text: "message \(number)")
        entries.append(
            try store.publish(
                contentType: .post, content: post.encoded(), in: community, by: key,
                timestamp: firstTimestamp + UInt64(number)))
    }
    return entries
}

/// Signs an entry outside any store (as another node would).
func signedEntry(
    key: SigningKey, sequence: UInt64, previous: EntryID, text: String = "hello",
    channel: String = "general", community: CommunityID = DefaultCommunity.id
) throws -> Entry {
    let post = try Post(channel: try ChannelName(channel), text: text)
    return try Entry.sign(
        community: community, sequence: sequence, previous: previous, timestamp: 1_700_000_000_000,
        contentType: .post, content: post.encoded(), with: key)
}

@Suite("EntryStore")
struct EntryStoreTests {
    @Test("posts continue the chain across reopen, and a clean index is reused")
    func chainContinuesAcrossReopen() throws {
        try withTemporaryDirectory { home in
            let key = testKey(1)
            let chain = ChainKey(author: key.publicKey, community: DefaultCommunity.id)
            do {
                let store = try EntryStore.open(directory: home)
                #expect(store.openReport.indexRebuilt)
                let posted = try publishPosts(store, key: key, count: 5)
                #expect(posted.map(\.sequence) == [1, 2, 3, 4, 5])
                #expect(posted[1].previous == posted[0].id)
                try store.close()
            }
            let store = try EntryStore.open(directory: home)
            #expect(!store.openReport.indexRebuilt)
            #expect(store.state(of: chain)?.headSequence == 5)
            let more = try publishPosts(store, key: key, count: 1)
            #expect(more[0].sequence == 6)
            #expect(store.entryCount == 6)
            try store.close()
        }
    }

    @Test("a deleted or dirty index is rebuilt and answers the same")
    func rebuildMatches() throws {
        try withTemporaryDirectory { home in
            let keys = [testKey(1), testKey(2)]
            var all: [Entry] = []
            do {
                let store = try EntryStore.open(directory: home)
                for round in 0..<3 {
                    for key in keys {
                        all += try publishPosts(
                            store, key: key, count: 2, channel: round == 1 ? "random" : "general")
                    }
                }
                try store.close()
            }
            try FileManager.default.removeItem(atPath: EntryStore.indexDirectory(in: home))
            let store = try EntryStore.open(directory: home)
            #expect(store.openReport.indexRebuilt)
            #expect(store.entryCount == UInt64(all.count))
            for entry in all {
                #expect(try store.entry(entry.id) == entry)
            }
            let general = ChannelKey(community: DefaultCommunity.id, channel: .general)
            let recent = try store.recentPosts(in: general, limit: 100)
            #expect(
                recent
                    == all.filter { entry in
                        if case .post(let post) = entry.decodedContent {
                            return post.channel == .general
                        }
                        return false
                    })
            #expect(try store.recentPosts(in: general, limit: 2) == Array(recent.suffix(2)))
            try store.close()
        }
    }

    @Test("the index is rebuilt when the process died without closing it")
    func dirtyIndexRebuilt() throws {
        try withTemporaryDirectory { home in
            let key = testKey(3)
            do {
                let store = try EntryStore.open(directory: home)
                try publishPosts(store, key: key, count: 3)
                try store.close()
            }
            // Mark the index dirty, as a process killed after its first append leaves it.
            let table = try EntryTable(path: EntryStore.indexDirectory(in: home) + "/entries.kidx")
            try table.markState(.dirty)
            let store = try EntryStore.open(directory: home)
            #expect(store.openReport.indexRebuilt)
            #expect(store.entryCount == 3)
            try store.close()
        }
    }

    @Test("chain walking returns exact ranges, forwards and backwards")
    func chainRanges() throws {
        try withTemporaryDirectory { home in
            let store = try EntryStore.open(directory: home)
            let first = try publishPosts(store, key: testKey(1), count: 50)
            try publishPosts(store, key: testKey(2), count: 20)
            let chain = first[0].chain
            #expect(try store.entries(of: chain, from: 1, limit: 10) == Array(first[0..<10]))
            #expect(try store.entries(of: chain, from: 11, limit: 10) == Array(first[10..<20]))
            #expect(try store.entries(of: chain, from: 45, limit: 10) == Array(first[44..<50]))
            #expect(try store.entries(of: chain, from: 3, limit: 2) == Array(first[2..<4]))
            #expect(try store.entries(of: chain, from: 51, limit: 10).isEmpty)
            #expect(store.clock(of: DefaultCommunity.id)[testKey(2).publicKey] == 20)
            try store.close()
        }
    }

    @Test("duplicates, gaps, forks and invalid entries are classified and kept apart")
    func chainCases() throws {
        try withTemporaryDirectory { home in
            let store = try EntryStore.open(directory: home)
            let key = testKey(7)
            let one = try signedEntry(key: key, sequence: 1, previous: .zero)
            let two = try signedEntry(key: key, sequence: 2, previous: one.id)
            let three = try signedEntry(key: key, sequence: 3, previous: two.id)
            let otherTwo = try signedEntry(
                key: key, sequence: 2, previous: one.id, text: "reinstalled")
            let anotherTwo = try signedEntry(key: key, sequence: 2, previous: one.id, text: "again")
            var tampered = three.bytes
            tampered[tampered.count - 1] ^= 1
            let outcomes = try store.ingest([
                one.bytes, three.bytes, two.bytes, two.bytes, otherTwo.bytes, anotherTwo.bytes,
                tampered,
            ])
            guard outcomes.count == 7 else {
                Issue.record("expected 7 outcomes")
                return
            }
            if case .appended(let entry) = outcomes[0] {
                #expect(entry == one)
            } else {
                Issue.record("1")
            }
            if case .gap(_, let expected) = outcomes[1] {
                #expect(expected == 2)
            } else {
                Issue.record("gap")
            }
            if case .appended = outcomes[2] {} else { Issue.record("2") }
            if case .duplicate = outcomes[3] {} else { Issue.record("dup") }
            if case .forkRecorded = outcomes[4] {} else { Issue.record("fork \(outcomes[4])") }
            if case .forkIgnored = outcomes[5] {
            } else {
                Issue.record("second fork \(outcomes[5])")
            }
            if case .invalid(.badSignature) = outcomes[6] {
            } else {
                Issue.record("invalid \(outcomes[6])")
            }
            #expect(store.entryCount == 3)
            #expect(try store.forks().count == 1)
            // The node refuses to extend a forked chain of its own key.
            #expect(throws: StoreError.self) {
                try store.publish(
                    contentType: .post, content: Array("x".utf8), in: DefaultCommunity.id, by: key,
                    timestamp: 1)
            }
            try store.close()
            // Forks survive a rebuild.
            try FileManager.default.removeItem(atPath: EntryStore.indexDirectory(in: home))
            let reopened = try EntryStore.open(directory: home)
            #expect(try reopened.forks().count == 1)
            #expect(reopened.state(of: one.chain)?.headSequence == 2)
            try reopened.close()
        }
    }

    @Test(
        "a batch verifies each entry once: later copies, and entries already held, are duplicates")
    func verifiesOnce() throws {
        try withTemporaryDirectory { home in
            let store = try EntryStore.open(directory: home)
            let key = testKey(4)
            let first = try signedEntry(key: key, sequence: 1, previous: .zero, text: "one")
            let second = try signedEntry(key: key, sequence: 2, previous: first.id, text: "two")
            var forged = second.bytes
            forged[forged.count - 1] ^= 1
            let bad = try Entry(decoding: forged)
            let outcomes = try store.ingest(entries: [first, first, second, bad, first, bad])
            #expect(store.signaturesChecked == 3)
            #expect(outcomes.map(\.wroteToLog) == [true, false, true, false, false, false])
            #expect(outcomes[1] == .duplicate(first))
            #expect(outcomes[4] == .duplicate(first))
            #expect(outcomes[3] == .invalid(.badSignature))
            #expect(outcomes[5] == .invalid(.badSignature))
            // Held entries are recognised before any check.
            #expect(try store.ingest(entries: [first, second]).allSatisfy { !$0.wroteToLog })
            #expect(store.signaturesChecked == 3)
            try store.close()
        }
    }

    @Test("flush writes the appended entries to the segment file without a sync")
    func flushWritesWithoutSync() throws {
        try withTemporaryDirectory { home in
            let store = try EntryStore.open(directory: home)
            let key = testKey(5)
            let first = try signedEntry(key: key, sequence: 1, previous: .zero, text: "one")
            let second = try signedEntry(key: key, sequence: 2, previous: first.id, text: "two")
            let segment = home + "/log/00000000000000000000.kseg"
            func segmentSize() throws -> Int {
                let attributes = try FileManager.default.attributesOfItem(atPath: segment)
                return (attributes[.size] as? Int) ?? -1
            }
            let syncsBefore = store.logSyncCount
            let sizeBefore = try segmentSize()
            _ = try store.ingest(entries: [first, second])
            // Appended entries are buffered in memory until a flush or a sync.
            #expect(try segmentSize() == sizeBefore)
            try store.flush()
            #expect(try segmentSize() > sizeBefore + first.bytes.count + second.bytes.count)
            #expect(store.logSyncCount == syncsBefore)
            try store.sync()
            #expect(store.logSyncCount == syncsBefore + 1)
            try store.close()
        }
    }

    @Test("the id table grows past its initial capacity and still finds every entry")
    func idTableGrows() throws {
        try withTemporaryDirectory { home in
            let store = try EntryStore.open(directory: home)
            let key = testKey(9)
            var previous = EntryID.zero
            var ids: [EntryID] = []
            var batch: [[UInt8]] = []
            for sequence in 1...5_000 {
                let entry = try signedEntry(
                    key: key, sequence: UInt64(sequence), previous: previous, text: "n\(sequence)")
                previous = entry.id
                ids.append(entry.id)
                batch.append(entry.bytes)
            }
            let outcomes = try store.ingest(batch)
            #expect(outcomes.allSatisfy { $0.wroteToLog })
            try store.close()
            let reopened = try EntryStore.open(directory: home)
            #expect(!reopened.openReport.indexRebuilt)
            #expect(ids.allSatisfy { reopened.contains($0) })
            let stranger = try signedEntry(key: testKey(10), sequence: 1, previous: .zero)
            #expect(!reopened.contains(stranger.id))
            try reopened.close()
        }
    }

    @Test("a second writer is refused while the store is open")
    func secondWriterRefused() throws {
        try withTemporaryDirectory { home in
            let store = try EntryStore.open(directory: home)
            #expect(throws: StoreError.self) { _ = try EntryStore.open(directory: home) }
            try store.close()
            let again = try EntryStore.open(directory: home)
            try again.close()
        }
    }

    @Test(
        "a corrupt record in the middle loses only that entry; the chain refuses to reuse its sequence"
    )
    func corruptionInTheMiddle() throws {
        try withTemporaryDirectory { home in
            let key = testKey(4)
            let other = testKey(5)
            var mine: [Entry] = []
            var theirs: [Entry] = []
            do {
                let store = try EntryStore.open(directory: home)
                for _ in 0..<4 {
                    mine += try publishPosts(store, key: key, count: 1)
                    theirs += try publishPosts(store, key: other, count: 1)
                }
                try store.close()
            }
            // Damage my second entry's payload in the log (record 3 of the log, offset from a scan).
            let reader = try LogReader(directory: EntryStore.logDirectory(in: home))
            let records = try reader.readAll().records
            try flipByte(EntryStore.logDirectory(in: home), at: records[2].offset.advanced(by: 40))
            try FileManager.default.removeItem(atPath: EntryStore.indexDirectory(in: home))
            let store = try EntryStore.open(directory: home)
            #expect(
                store.openReport.corruptRegions.count
                    + store.openReport.recovery.corruptRegions.count == 1)
            #expect(store.openReport.unchainedEntries == 2)
            // The other author's entries after the damage are all there.
            for entry in theirs { #expect(store.contains(entry.id)) }
            #expect(store.state(of: mine[0].chain)?.headSequence == 1)
            #expect(throws: StoreError.self) { try publishPosts(store, key: key, count: 1) }
            // A peer restores the lost entry and the rest of the chain: it is whole again.
            let outcomes = try store.ingest(mine[1...].map(\.bytes))
            #expect(outcomes.allSatisfy { $0.wroteToLog })
            #expect(store.state(of: mine[0].chain)?.headSequence == 4)
            try store.close()
        }
    }
}
