import KithCore
import KithStorage

/// One record of the log as the tool reads it: a decoded entry with its place in its chain, or a
/// payload that is not an entry.
enum ScannedRecord {
    /// A decodable entry (rules 1 to 5 of entries.md; the signature is not checked here).
    case entry(offset: LogOffset, entry: Entry, outcome: ReplayOutcome)
    /// A sound record whose payload is not an entry.
    case undecodable(offset: LogOffset, size: Int, error: EntryError)

    /// The record's log offset.
    var offset: LogOffset {
        switch self {
        case .entry(let offset, _, _), .undecodable(let offset, _, _): offset
        }
    }

    /// Decodes the payload of the record at `offset` and, when it is an entry, replays it.
    static func read(
        offset: LogOffset, payload: UnsafeRawBufferPointer, replay: inout ChainReplay
    ) -> ScannedRecord {
        do {
            let entry = try Entry(decoding: payload)
            return .entry(offset: offset, entry: entry, outcome: replay.replay(entry, at: offset))
        } catch {
            return .undecodable(offset: offset, size: payload.count, error: error)
        }
    }
}
