import Foundation
import KithCore
import Testing

@testable import KithStorage

/// log.md, "The signed-sequence file": whatever happens to the log, a sequence is never signed twice.
@Suite("Signed sequences")
struct SignedSequencesTests {
    let key = testKey(21)
    var chain: ChainKey { ChainKey(author: key.publicKey, community: DefaultCommunity.id) }

    /// Flips one byte of the first segment's magic (the report of issue #9).
    func damageSegmentMagic(_ home: String) throws {
        let path = segmentPath(EntryStore.logDirectory(in: home), base: 0)
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        try handle.seek(toOffset: 0)
        let byte = try #require(try handle.read(upToCount: 1)?.first)
        try handle.seek(toOffset: 0)
        handle.write(Data([byte ^ 0x01]))
    }

    @Test("a log that lost the chain's entries refuses to sign; entries restored by a peer lift it")
    func damagedSegmentRefusesThenRestores() throws {
        try withTemporaryDirectory { home in
            var posted: [Entry] = []
            do {
                let store = try EntryStore.open(directory: home)
                posted = try publishPosts(store, key: key, count: 20)
                try store.close()
            }
            try damageSegmentMagic(home)
            let store = try EntryStore.open(directory: home)
            #expect(store.state(of: chain)?.headSequence ?? 0 == 0)
            #expect(throws: StoreError.self) { try publishPosts(store, key: key, count: 1) }
            do {
                _ = try publishPosts(store, key: key, count: 1)
            } catch let error as StoreError {
                guard case .signedBeyondLog(let refused, held: 0, signed: 20) = error else {
                    Issue.record("unexpected error \(error)")
                    return
                }
                #expect(refused == chain)
                #expect(error.description.contains("up to #0"))
                #expect(error.description.contains("up to #20"))
            }
            // A peer sends the chain back; the next post is #21, after #20.
            let outcomes = try store.ingest(entries: posted)
            #expect(outcomes.allSatisfy { $0.wroteToLog })
            let next = try publishPosts(store, key: key, count: 1)
            #expect(next.map(\.sequence) == [21])
            #expect(next.first?.previous == posted.last?.id)
            try store.close()
        }
    }

    @Test("the last sequence survives reopening, and a torn newest record falls back one")
    func survivesReopenAndTornRecord() throws {
        try withTemporaryDirectory { home in
            do {
                let store = try EntryStore.open(directory: home)
                try publishPosts(store, key: key, count: 3)
                try store.close()
            }
            let path = home + "/" + SignedSequences.fileName
            var bytes = try fileBytes(path)
            #expect(bytes.count == 8 + 2 * SignedSequences.recordSize)
            #expect(Array(bytes.prefix(8)) == Array("KITHSIG1".utf8))
            // Sequence 3 is odd: the second record. Tear it.
            bytes[8 + SignedSequences.recordSize + 70] ^= 0xff
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            let signed = try SignedSequences.open(home: home)
            #expect(signed.lastSigned(chain) == 2)
            signed.close()
            let store = try EntryStore.open(directory: home)
            #expect(try publishPosts(store, key: key, count: 1).map(\.sequence) == [4])
            try store.close()
            let reopened = try SignedSequences.open(home: home)
            #expect(reopened.lastSigned(chain) == 4)
            reopened.close()
        }
    }

    @Test("two chains in one record pair: recording one does not overwrite the other")
    func chainsSharingAPair() throws {
        try withTemporaryDirectory { home in
            let other = ChainKey(author: testKey(22).publicKey, community: DefaultCommunity.id)
            // Both records even: a file this store would not write, but whose records are sound.
            let bytes =
                SignedSequences.magic + SignedSequences.encode(chain, sequence: 2)
                + SignedSequences.encode(other, sequence: 4)
            try Data(bytes).write(to: URL(fileURLWithPath: home + "/" + SignedSequences.fileName))
            do {
                let signed = try SignedSequences.open(home: home)
                #expect(signed.lastSigned(chain) == 2)
                #expect(signed.lastSigned(other) == 4)
                // Sequence 3 of the pair's owner goes into the pair's second record.
                try signed.record(chain, sequence: 3)
                try signed.sync()
                signed.close()
            }
            let reopened = try SignedSequences.open(home: home)
            #expect(reopened.lastSigned(chain) == 3)
            #expect(reopened.lastSigned(other) == 4)
            reopened.close()
        }
    }

    @Test("a damaged file is started again and said so; the file is 0600")
    func damagedFile() throws {
        try withTemporaryDirectory { home in
            do {
                let store = try EntryStore.open(directory: home)
                try publishPosts(store, key: key, count: 2)
                try store.close()
            }
            let path = home + "/" + SignedSequences.fileName
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            #expect((attributes[.posixPermissions] as? Int) == 0o600)
            try Data("garbage!".utf8).write(to: URL(fileURLWithPath: path))
            let store = try EntryStore.open(directory: home)
            #expect(store.openReport.signedSequencesRebuilt)
            #expect(!store.openReport.isClean)
            #expect(try publishPosts(store, key: key, count: 1).map(\.sequence) == [3])
            try store.close()
        }
    }

    @Test("records are as log.md writes them")
    func layout() throws {
        let record = SignedSequences.encode(chain, sequence: 0x0102)
        #expect(record.count == 80)
        #expect(Array(record[0..<32]) == key.publicKey.bytes)
        #expect(Array(record[32..<64]) == DefaultCommunity.id.bytes)
        #expect(Array(record[64..<72]) == [0, 0, 0, 0, 0, 0, 1, 2])
        let crc = CRC32C.checksum(record[0..<72])
        #expect(
            Array(record[72..<76]) == [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: crc >> $0) })
        #expect(Array(record[76..<80]) == [0, 0, 0, 0])
        let decoded = try #require(SignedSequences.decode(record[...]))
        #expect(decoded.0 == chain)
        #expect(decoded.1 == 0x0102)
    }
}
