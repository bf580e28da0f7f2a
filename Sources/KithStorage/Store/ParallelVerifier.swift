import Dispatch
import KithCore

/// Verifies many signatures at once on every core, keeping their order.
///
/// Signature verification is the cost of ingest; appends must stay in order. So a batch is split
/// into contiguous slices verified concurrently, and the verdicts come back in input order. The
/// store's ingest and `kith-log verify` use it.
package enum ParallelVerifier {
    /// The number of concurrent workers used by default: one per core online when first asked.
    /// Read once: `sysconf` reads a file under /sys on every call, and ingest asks on every turn.
    package static let defaultWidth = max(1, sysconfActiveProcessors())

    /// Checks the signature of every decoded entry (entries.md rule 6), in parallel over `width`
    /// workers. Returns one verdict per entry, in order.
    package static func verifySignatures(_ entries: [Entry], width: Int = defaultWidth) -> [Bool] {
        let count = entries.count
        guard count > 0 else { return [] }
        let workers = max(1, min(width, count / 8))
        if workers == 1 { return entries.map(\.hasValidSignature) }
        let verdicts = VerdictSlots(count: count)
        let sliceSize = (count + workers - 1) / workers
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            let start = worker * sliceSize
            let end = min(count, start + sliceSize)
            guard start < end else { return }
            for index in start..<end { verdicts.set(index, entries[index].hasValidSignature) }
        }
        return verdicts.collect()
    }
}

/// Pre-allocated verdict slots that concurrent workers fill at disjoint indices.
private final class VerdictSlots: @unchecked Sendable {
    // Safety: the buffer is allocated once; each index is written by exactly one worker, and read
    // only after every worker has finished (`concurrentPerform` returns after all iterations).
    private let slots: UnsafeMutableBufferPointer<Bool>

    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: false)
    }

    deinit {
        slots.deallocate()
    }

    func set(_ index: Int, _ value: Bool) {
        slots[index] = value
    }

    func collect() -> [Bool] { Array(slots) }
}
