import Foundation
import KithCore
import KithStorage

/// Measures bytes on disk per entry and how fast a large log opens.
enum StorageBenchmark {
    /// Bytes per entry for 12-character posts, in the log and in the index.
    static func bytesPerEntry() throws {
        print("== bytes on disk per entry (12-character post to #general)")
        let count = 10_000
        let entries = makeEntries(count: count, authors: 4, textLength: 12)
        let home = makeTemporaryDirectory("bytes")
        defer { try? FileManager.default.removeItem(atPath: home) }
        let store = try EntryStore.open(directory: home)
        for entry in entries { try store.append(verified: entry) }
        try store.close()
        let entrySize = entries[0].bytes.count
        let logBytes = Double(store.logEndOffset.rawValue - 16) / Double(count)
        print("entry as signed: \(entrySize) B; log record: \(String(format: "%.1f", logBytes)) B")
        print(
            "log directory: \(String(format: "%.1f", Double(directorySize(EntryStore.logDirectory(in: home))) / Double(count))) B/entry;"
                + " index directory: \(String(format: "%.1f", Double(directorySize(EntryStore.indexDirectory(in: home))) / Double(count))) B/entry (preallocated, grows by doubling)"
        )
    }

    /// Builds (or reuses) a log of `count` entries in `directory`, then opens it in fresh processes.
    static func openLargeLog(count: Int, directory: String?) throws {
        let home = directory ?? (NSTemporaryDirectory() + "kith-bench-large-\(count)")
        print("== opening a log of \(count) entries (\(home))")
        let marker = home + "/.bench-complete"
        if !FileManager.default.fileExists(atPath: marker) {
            try? FileManager.default.removeItem(atPath: home)
            let build = now()
            let store = try EntryStore.open(directory: home)
            let chunk = 100_000
            var made = 0
            var authorsOffset = 0
            while made < count {
                let slice = min(chunk, count - made)
                // Distinct authors per chunk keep every chain valid without carrying state.
                let entries = makeEntries(
                    count: slice, authors: 50, textLength: 12, authorBase: authorsOffset)
                for entry in entries { try store.append(verified: entry) }
                try store.sync()
                made += slice
                authorsOffset += 50
            }
            try store.close()
            _ = FileManager.default.createFile(atPath: marker, contents: Data())
            print(
                "built in \(String(format: "%.1f", now() - build)) s (signing on all cores; kept for the next run)"
            )
        }
        let executable = CommandLine.arguments[0]
        for (label, arguments) in [
            ("open, index clean", ["open-only", home]),
            ("open, index clean (again, warm cache)", ["open-only", home]),
            ("open after the index was lost (full rebuild)", ["open-only", home, "--drop-index"]),
        ] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            process.waitUntilExit()
            let output = String(
                decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            print("\(label): \(output.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
    }

    /// Runs in a fresh process: opens the store, reads the newest post, reports time and memory.
    static func openOnly(home: String, dropIndex: Bool) throws {
        if dropIndex {
            try? FileManager.default.removeItem(atPath: EntryStore.indexDirectory(in: home))
        }
        let start = now()
        let store = try EntryStore.open(directory: home)
        let general = ChannelKey(community: DefaultCommunity.id, channel: .general)
        let recent = try store.recentPosts(in: general, limit: 50)
        let elapsed = now() - start
        print(
            "\(String(format: "%.1f", elapsed * 1000)) ms to open \(store.entryCount) entries and read the latest \(recent.count) posts;"
                + " peak memory \(String(format: "%.1f", peakMemoryMiB())) MiB")
        try store.close()
    }
}
