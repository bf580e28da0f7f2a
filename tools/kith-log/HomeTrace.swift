import KithCore
import KithStorage

/// What one home knows of one entry: its own key, whether its log holds the entry, and when and
/// from where the entry arrived (its arrivals file).
struct HomeTrace: Sendable {
    /// The home directory, as given.
    var home: String
    /// The home's public key, when its identity file could be read.
    var key: PublicKey?
    /// The log offset of the entry in the home's log, when held.
    var offset: LogOffset?
    /// When and from where the entry arrived, when recorded.
    var arrival: Arrival?

    /// A short name for the home: the last component of its path.
    var name: String {
        let trimmed = home.hasSuffix("/") ? String(home.dropLast()) : home
        return String(trimmed.split(separator: "/").last ?? Substring(trimmed))
    }

    /// Reads what `home` knows of the entry with `id`.
    static func read(home: String, id: EntryID) throws -> HomeTrace {
        var trace = HomeTrace(home: home)
        trace.key = try? IdentityFile(directory: home).load().publicKey
        let reader = try LogLocation.reader(home: home)
        var replay = ChainReplay()
        _ = try LogScan.forEach(in: reader, replay: &replay) { record in
            guard case .entry(let offset, let entry, _) = record, entry.id == id else {
                return .continue
            }
            trace.offset = offset
            return .stop
        }
        guard let offset = trace.offset else { return trace }
        let path = EntryStore.indexDirectory(in: home) + "/" + ArrivalsFile.fileName
        trace.arrival =
            ArrivalsFile.read(path: path).last {
                $0.logOffset == offset.rawValue && $0.idPrefix.elementsEqual(id.bytes.prefix(8))
            }?.arrival
        return trace
    }

    /// The entries of the log of `home` whose id starts with `prefix` (hex digits).
    static func entries(home: String, idPrefix prefix: String) throws -> [Entry] {
        let reader = try LogLocation.reader(home: home)
        var replay = ChainReplay()
        var found: [EntryID: Entry] = [:]
        _ = try LogScan.forEach(in: reader, replay: &replay) { record in
            if case .entry(_, let entry, _) = record, entry.id.hex.hasPrefix(prefix) {
                found[entry.id] = entry
            }
            return .continue
        }
        return Array(found.values)
    }
}
