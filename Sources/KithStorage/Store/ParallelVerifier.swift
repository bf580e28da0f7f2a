import Dispatch
import KithCore

/// Verifies many entries at once on every core, keeping their order.
///
/// Signature verification is the cost of ingest; appends must stay in order. So a batch is split
/// into contiguous slices verified concurrently, and the results come back in input order.
enum ParallelVerifier {
    /// The number of concurrent workers used by default: one per active core.
    static var defaultWidth: Int { max(1, sysconfActiveProcessors()) }

    /// Validates every payload (entries.md rules 1–6), in parallel over `width` workers.
    static func validate(_ payloads: [[UInt8]], width: Int = defaultWidth) -> [Result<
        Entry, EntryError
    >] {
        let count = payloads.count
        guard count > 0 else { return [] }
        let workers = max(1, min(width, count / 8))
        if workers == 1 { return payloads.map(validate) }
        let results = ResultSlots(count: count)
        let sliceSize = (count + workers - 1) / workers
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            let start = worker * sliceSize
            let end = min(count, start + sliceSize)
            guard start < end else { return }
            for index in start..<end { results.set(index, validate(payloads[index])) }
        }
        return results.collect()
    }

    private static func validate(_ payload: [UInt8]) -> Result<Entry, EntryError> {
        do {
            return .success(try Entry(validating: payload))
        } catch {
            return .failure(error)
        }
    }
}

/// Pre-allocated result slots that concurrent workers fill at disjoint indices.
private final class ResultSlots: @unchecked Sendable {
    // Safety: the buffer is allocated once; each index is written by exactly one worker, and read
    // only after every worker has finished (`concurrentPerform` returns after all iterations).
    private let slots: UnsafeMutableBufferPointer<Result<Entry, EntryError>?>

    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }

    deinit {
        _ = slots.deinitialize()
        slots.deallocate()
    }

    func set(_ index: Int, _ value: Result<Entry, EntryError>) {
        slots[index] = value
    }

    func collect() -> [Result<Entry, EntryError>] {
        slots.map { $0 ?? .failure(.tooShort(0)) }
    }
}
