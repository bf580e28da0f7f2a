import Dispatch
import Foundation
import KithCore
import KithSystem

#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

/// A monotonic clock reading in seconds.
func now() -> Double {
    Double(SystemClock.monotonicNanoseconds()) / 1e9
}

/// The peak resident set size of this process so far, in MiB (`VmHWM` in /proc/self/status).
///
/// Not `getrusage`: on Linux its `ru_maxrss` survives `exec`, so a child started by a large parent
/// would report the parent's peak.
func peakMemoryMiB() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
        let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
        let kilobytes = line.split(separator: " ").dropFirst().first.flatMap({ Double($0) })
    else { return 0 }
    return kilobytes / 1024
}

/// Formats a rate with thousands separators.
func formatRate(_ value: Double) -> String {
    let rounded = Int(value.rounded())
    var digits = String(rounded)
    var result = ""
    while digits.count > 3 {
        result = "," + digits.suffix(3) + result
        digits = String(digits.dropLast(3))
    }
    return digits + result
}

/// Signs `count` valid chain entries spread over `authors` authors, using every core.
/// Entries come back interleaved by author in chain order, as a node would receive them.
func makeEntries(count: Int, authors: Int, textLength: Int = 12, authorBase: Int = 0) -> [Entry] {
    let keys = (0..<authors).map { index in
        (try? SigningKey(
            seed: Blake2b.hash256(Array("kith bench author \(authorBase + index)".utf8))))
            ?? SigningKey.generate()
    }
    let perAuthor = (count + authors - 1) / authors
    let chains = LockedChains(authors: authors)
    DispatchQueue.concurrentPerform(iterations: authors) { author in
        var previous = EntryID.zero
        var entries: [Entry] = []
        entries.reserveCapacity(perAuthor)
        let text = String(repeating: "x", count: textLength)
        for sequence in 1...UInt64(perAuthor) {
            guard let post = try? Post(channel: .general, text: text),
                let entry = try? Entry.sign(
                    community: DefaultCommunity.id, sequence: sequence, previous: previous,
                    timestamp: 1_700_000_000_000 + sequence, contentType: .post,
                    content: post.encoded(), with: keys[author])
            else { break }
            previous = entry.id
            entries.append(entry)
        }
        chains.set(author, entries)
    }
    var result: [Entry] = []
    result.reserveCapacity(count)
    let all = chains.all()
    for position in 0..<perAuthor {
        for chain in all where position < chain.count {
            result.append(chain[position])
            if result.count == count { return result }
        }
    }
    return result
}

/// Results written by concurrent signers, one slot per author (or per worker).
final class LockedChains: @unchecked Sendable {
    // Safety: every access goes through `lock`.
    private var chains: [[Entry]]
    private let lock = NSLock()

    init(authors: Int) { chains = Array(repeating: [], count: authors) }

    func set(_ index: Int, _ entries: [Entry]) {
        lock.lock()
        chains[index] = entries
        lock.unlock()
    }

    func all() -> [[Entry]] {
        lock.lock()
        defer { lock.unlock() }
        return chains
    }
}

/// A fresh empty directory under the temporary directory.
func makeTemporaryDirectory(_ name: String) -> String {
    let path = NSTemporaryDirectory() + "kith-bench-\(name)-\(getpid())"
    try? FileManager.default.removeItem(atPath: path)
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// The total size of the regular files below `path`, in bytes.
func directorySize(_ path: String) -> UInt64 {
    guard let enumerator = FileManager.default.enumerator(atPath: path) else { return 0 }
    var total: UInt64 = 0
    for case let name as String in enumerator {
        if let attributes = try? FileManager.default.attributesOfItem(atPath: path + "/" + name),
            let size = attributes[.size] as? NSNumber,
            (attributes[.type] as? FileAttributeType) == .typeRegular
        {
            total += size.uint64Value
        }
    }
    return total
}
