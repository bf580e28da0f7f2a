import Foundation
import KithCore
import KithStorage
import Testing

/// Several `kith post` at once with no node running: each waits for the log's lock in turn, and
/// every one succeeds (issue #9: half of them used to fail with "already open for writing"; later,
/// a writer waiting for the lock opened the index its holder was writing, and after a few dozen
/// rounds the holder's entry was missing while its sequence was recorded as signed, so every
/// later post was refused).
@Suite("Concurrent kith post")
struct ConcurrentPostTests {
    @Test("six writers at once, sixty rounds: every post succeeds and the chain has them all")
    func concurrentWritersAllSucceed() async throws {
        let kith = try KithBinary.kith()
        try await withScratchSpace { space in
            let home = space.path + "/node"
            let environment = space.environment()
            let first = try await kith.run(
                ["post", "--home", home, "first"], environment: environment)
            try #require(first.status == 0, "\(first)")
            var texts: Set<String> = ["first"]
            for round in 0..<60 {
                let results = try await withThrowingTaskGroup(of: KithBinary.Result.self) { group in
                    for writer in 0..<6 {
                        let text = "round \(round) writer \(writer)"
                        texts.insert(text)
                        group.addTask {
                            try await kith.run(
                                ["post", "--home", home, text], environment: environment)
                        }
                    }
                    var results: [KithBinary.Result] = []
                    for try await result in group { results.append(result) }
                    return results
                }
                for result in results { #expect(result.status == 0, "\(result)") }
            }
            let store = try EntryStore.open(directory: home)
            defer { try? store.close() }
            let chains = store.chains
            try #require(chains.count == 1)
            let (chain, state) = try #require(chains.first)
            #expect(state.headSequence == UInt64(texts.count))
            let entries = try store.entries(of: chain, from: 1, limit: texts.count)
            let posted = Set(
                entries.compactMap { entry -> String? in
                    if case .post(let post) = entry.decodedContent { return post.text }
                    return nil
                })
            #expect(posted == texts)
        }
    }
}
