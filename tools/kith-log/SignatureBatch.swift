import Dispatch
import Foundation
import KithCore

/// Checks the signatures of many entries at once on every core, keeping their order.
///
/// Signature verification is what makes `verify` slow (about 11,000 per second per core), so a
/// batch is split into contiguous slices checked concurrently.
enum SignatureBatch {
    /// The number of workers: one per active core.
    static var defaultWidth: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// Whether each entry's signature is valid, in input order.
    static func validity(of entries: [Entry], width: Int = defaultWidth) -> [Bool] {
        let count = entries.count
        let workers = max(1, min(width, count / 16))
        if workers == 1 { return entries.map(\.hasValidSignature) }
        let slots = Slots(count: count)
        let sliceSize = (count + workers - 1) / workers
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            let start = worker * sliceSize
            let end = min(count, start + sliceSize)
            guard start < end else { return }
            for index in start..<end { slots.set(index, entries[index].hasValidSignature) }
        }
        return slots.values()
    }

    /// Result storage that workers fill at distinct indices; read only after all have finished.
    private final class Slots: @unchecked Sendable {
        private let storage: UnsafeMutableBufferPointer<Bool>

        init(count: Int) {
            storage = .allocate(capacity: count)
            storage.initialize(repeating: false)
        }

        deinit { storage.deallocate() }

        /// Sets slot `index`; each index is written by exactly one worker.
        func set(_ index: Int, _ value: Bool) { storage[index] = value }

        /// Every slot, in order.
        func values() -> [Bool] { Array(storage) }
    }
}
