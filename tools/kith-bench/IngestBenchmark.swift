import CSodium
import Foundation
import KithCore
import KithStorage

/// Measures ingest (verify + append, group-committed) against the raw libsodium verify rate.
enum IngestBenchmark {
    static func run(count: Int, authors: Int, batch: Int) throws {
        Sodium.ensureInitialized()
        print(
            "== ingest: \(count) entries from \(authors) authors, batches of \(batch), one fsync per batch"
        )
        let entries = makeEntries(count: count, authors: authors)
        let payloads = entries.map(\.bytes)

        // Raw libsodium verification of the same signatures, one core, no parsing or hashing.
        // Measured before and after the ingest runs; the mean is the reference (CPU clocks drift).
        let rawBefore = rawVerifyRate(entries)
        guard rawBefore > 0 else {
            print("raw verify rejected entries: benchmark invalid")
            return
        }
        var rates: [(Int, Double, Int)] = []
        for width in [1, 2] {
            let home = makeTemporaryDirectory("ingest-\(width)")
            defer { try? FileManager.default.removeItem(atPath: home) }
            let store = try EntryStore.open(directory: home)
            let start = now()
            var appended = 0
            var index = 0
            while index < payloads.count {
                let end = min(payloads.count, index + batch)
                let outcomes = try store.ingest(Array(payloads[index..<end]), parallelism: width)
                appended += outcomes.filter(\.wroteToLog).count
                try store.sync()
                index = end
            }
            rates.append((width, Double(appended) / (now() - start), appended))
            try store.close()
        }
        let rawAfter = rawVerifyRate(entries)
        let rawRate = (rawBefore + rawAfter) / 2
        print(
            "raw crypto_sign_verify_detached, 1 core:  \(formatRate(rawRate)) /s"
                + "  (before \(formatRate(rawBefore)), after \(formatRate(rawAfter)))")
        for (width, rate, appended) in rates {
            print(
                "ingest (verify + append), \(width) core\(width == 1 ? ": " : "s:") \(formatRate(rate)) /s"
                    + "  ratio to raw 1-core verify: \(String(format: "%.2f", rate / rawRate))"
                    + (appended == count ? "" : "  (appended \(appended) of \(count)!)"))
        }
    }

    /// Verifies every entry's signature with libsodium directly; entries per second (0 if any fails).
    static func rawVerifyRate(_ entries: [Entry]) -> Double {
        let rawStart = now()
        var valid = 0
        for entry in entries {
            let signed = entry.bytes.count - 64
            let ok = entry.bytes.withUnsafeBufferPointer { buffer -> Bool in
                guard let base = buffer.baseAddress else { return false }
                return crypto_sign_verify_detached(
                    base + signed, base, UInt64(signed), base + 33) == 0
            }
            if ok { valid += 1 }
        }
        return valid == entries.count ? Double(entries.count) / (now() - rawStart) : 0
    }
}
