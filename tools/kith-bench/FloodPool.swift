import Dispatch
import Foundation
import KithCore
import KithSystem

/// The entries `kith-bench flood` sends, signed before the flood starts so that signing does not
/// slow the sender: posts to #general of the default community, all of one size.
enum FloodPool {
    /// The bytes a post's encoding adds to its text in #general.
    static let postOverhead: Int = {
        let text = "x"
        let encoded = (try? Post(channel: .general, text: text).encoded().count) ?? 0
        return encoded - text.utf8.count
    }()

    /// `count` entries of `entrySize` bytes: each by a fresh author (sequence 1) with `.new`,
    /// or one author's chain from sequence 1 with `.one`. New authors are signed on every core.
    static func make(count: Int, entrySize: Int, authors: FloodOptions.Authors) -> [Entry] {
        let textLength = entrySize - EntryFormat.minEntrySize - postOverhead
        let timestamp = SystemClock.wallMilliseconds()
        switch authors {
        case .one:
            return chain(count: count, textLength: textLength, timestamp: timestamp)
        case .new:
            let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
            let perWorker = (count + workers - 1) / workers
            let parts = LockedChains(authors: workers)
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                let first = worker * perWorker
                let entries = (first..<min(count, first + perWorker)).compactMap { index in
                    sign(
                        text: text(index, length: textLength), sequence: 1, previous: .zero,
                        timestamp: timestamp, with: .generate())
                }
                parts.set(worker, entries)
            }
            return parts.all().flatMap { $0 }
        }
    }

    /// One author's chain of `count` entries.
    private static func chain(count: Int, textLength: Int, timestamp: UInt64) -> [Entry] {
        let author = SigningKey.generate()
        var previous = EntryID.zero
        var entries: [Entry] = []
        entries.reserveCapacity(count)
        for index in 0..<count {
            guard
                let entry = sign(
                    text: text(index, length: textLength), sequence: UInt64(index + 1),
                    previous: previous, timestamp: timestamp + UInt64(index), with: author)
            else { break }
            entries.append(entry)
            previous = entry.id
        }
        return entries
    }

    /// A text of exactly `length` bytes that starts with the entry's number.
    private static func text(_ index: Int, length: Int) -> String {
        let prefix = String("flood \(index) ".prefix(length))
        return prefix + String(repeating: "x", count: length - prefix.utf8.count)
    }

    private static func sign(
        text: String, sequence: UInt64, previous: EntryID, timestamp: UInt64, with key: SigningKey
    ) -> Entry? {
        guard let post = try? Post(channel: .general, text: text) else { return nil }
        return try? Entry.sign(
            community: DefaultCommunity.id, sequence: sequence, previous: previous,
            timestamp: timestamp, contentType: .post, content: post.encoded(), with: key)
    }
}
