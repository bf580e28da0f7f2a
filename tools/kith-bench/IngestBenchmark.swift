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
        let rawRate = Double(count) / (now() - rawStart)
        guard valid == count else {
            print("raw verify rejected \(count - valid) entries: benchmark invalid")
            return
        }
        print("raw crypto_sign_verify_detached, 1 core:  \(formatRate(rawRate)) /s")

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
            let rate = Double(appended) / (now() - start)
            try store.close()
            let ratio = rate / rawRate
            print(
                "ingest (verify + append), \(width) core\(width == 1 ? ": " : "s:") \(formatRate(rate)) /s"
                    + "  ratio to raw 1-core verify: \(String(format: "%.2f", ratio))"
                    + (appended == count ? "" : "  (appended \(appended) of \(count)!)"))
        }
    }
}
