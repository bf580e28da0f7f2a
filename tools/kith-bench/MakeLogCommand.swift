import Foundation
import KithCore
import KithStorage

/// `kith-bench make-log`: fills a node home with valid signed posts, for benchmarks that need a
/// node holding many entries (tools/lab/bench-mesh). Not a benchmark itself: it prints one line.
enum MakeLogCommand {
    /// Writes `entries` posts (to #general of the default community) spread over `authors`
    /// authors into the store of `home`, creating the home (mode 0700) if needed.
    ///
    /// Authors are derived from `authorBase`, so two homes filled with different bases share no
    /// chain. Entries already in the home make the run fail rather than mix chains.
    static func run(home: String, entries: Int, authors: Int, textLength: Int, authorBase: Int)
        throws
    {
        try FileManager.default.createDirectory(
            atPath: home, withIntermediateDirectories: true,
            attributes: [.posixPermissions: 0o700])
        let start = now()
        let made = makeEntries(
            count: entries, authors: authors, textLength: textLength, authorBase: authorBase)
        let signed = now()
        let store = try EntryStore.open(directory: home)
        guard store.entryCount == 0 else {
            try store.close()
            throw MakeLogError.homeNotEmpty(home, store.entryCount)
        }
        for entry in made { try store.append(verified: entry) }
        try store.sync()
        try store.close()
        let size = made.first?.bytes.count ?? 0
        print(
            "make-log: \(made.count) entries (\(size) B each) by \(authors) authors in \(home);"
                + " signed in \(String(format: "%.2f", signed - start)) s,"
                + " written in \(String(format: "%.2f", now() - signed)) s")
    }
}

/// Why `make-log` refused to run.
enum MakeLogError: Error, CustomStringConvertible {
    /// The home already holds entries.
    case homeNotEmpty(String, UInt64)
    /// `--home` is missing.
    case missingHome

    var description: String {
        switch self {
        case .homeNotEmpty(let home, let count):
            "\(home) already holds \(count) entries; make-log fills only an empty home"
        case .missingHome:
            "make-log needs --home DIR"
        }
    }
}
