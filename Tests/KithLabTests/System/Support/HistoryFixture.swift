import Dispatch
import Foundation
import KithCore
import KithStorage

/// A history of valid entries from several authors in the default community, signed once per
/// test process (on every core, one chain per task) and written straight into a home's log with
/// KithStorage, as if a node had gathered them over a long time.
enum HistoryFixture {
    /// How many authors wrote the history.
    static let authorCount = 5
    /// How many posts each author wrote.
    static let postsPerAuthor = 2_000

    /// The history, interleaved by author in chain order. Computed once, on first use.
    static let entries: [Entry] = makeEntries()

    /// The authors' signing keys, from fixed seeds: the same keys in every run.
    static let authors: [SigningKey] = (0..<authorCount).compactMap { index in
        try? SigningKey(seed: [UInt8](repeating: UInt8(0xa0 + index), count: 32))
    }

    /// The text of one post of the history.
    static func text(author: Int, sequence: UInt64) -> String {
        "history post \(sequence) of author \(author)"
    }

    /// Writes the whole history into the log of the home at `home` (which no node may be using)
    /// and returns the ids of the entries written, in hex.
    static func write(into home: URL) throws -> Set<String> {
        let store = try EntryStore.open(directory: home.path)
        var ids = Set<String>()
        do {
            for entry in entries {
                guard case .appended = try store.append(verified: entry) else {
                    throw FixtureError(reason: "entry \(entry.id.hex) was not appended")
                }
                ids.insert(entry.id.hex)
            }
            try store.close()
        } catch {
            try? store.close()
            throw error
        }
        return ids
    }

    private static func makeEntries() -> [Entry] {
        let keys = authors
        let chains = LockedValue([[Entry]](repeating: [], count: keys.count))
        DispatchQueue.concurrentPerform(iterations: keys.count) { author in
            var chain: [Entry] = []
            chain.reserveCapacity(postsPerAuthor)
            var previous = EntryID.zero
            for sequence in 1...UInt64(postsPerAuthor) {
                guard
                    let post = try? Post(
                        channel: .general, text: text(author: author, sequence: sequence)),
                    let entry = try? Entry.sign(
                        community: DefaultCommunity.id, sequence: sequence, previous: previous,
                        timestamp: 1_700_000_000_000 + sequence * 1_000, contentType: .post,
                        content: post.encoded(), with: keys[author])
                else { break }
                previous = entry.id
                chain.append(entry)
            }
            chains.withLock { $0[author] = chain }
        }
        let all = chains.withLock { $0 }
        var result: [Entry] = []
        result.reserveCapacity(all.reduce(0) { $0 + $1.count })
        for position in 0..<postsPerAuthor {
            for chain in all where position < chain.count { result.append(chain[position]) }
        }
        return result
    }
}

/// The history could not be written.
struct FixtureError: Error, CustomStringConvertible {
    /// What went wrong.
    var reason: String

    var description: String { "history fixture: \(reason)" }
}
