import KithCore

/// Why the entry store could not do what was asked.
public enum StoreError: Error, CustomStringConvertible, Sendable {
    /// The log failed (including "another process is writing this log").
    case log(LogError)
    /// The derived index could not be written (it is rebuilt on the next open).
    case index(IndexError)
    /// An entry to store is not valid.
    case invalidEntry(EntryError)
    /// The author's chain in this community is forked; the node refuses to extend it.
    case chainForked(ChainKey)
    /// The log lost entries of this chain (after corruption): posting now would reuse a sequence.
    case chainDamaged(ChainKey, missingFrom: UInt64)
    /// The log holds `chain` only up to `held`, but this home signed up to `signed` (the
    /// signed-sequence file, log.md): entries were lost, and signing now would reuse a sequence.
    case signedBeyondLog(ChainKey, held: UInt64, signed: UInt64)
    /// `entry` was signed and appended but could not be made durable (`cause`: a full disk): it
    /// is kept in memory and written by the next sync that succeeds, unless the process stops.
    indirect case notDurable(Entry, StoreError)
    /// The new entry could not be signed (for example its content is too large).
    case cannotSign(EntryError)
    /// Appending the entry was refused by the chain rules.
    case notAppended(ChainDecision)

    public var description: String {
        switch self {
        case .log(let error): return error.description
        case .index(let error): return error.description
        case .invalidEntry(let error): return "invalid entry: \(error)"
        case .chainForked(let chain):
            return "the chain of \(chain.author.fingerprint.full) in this community is forked "
                + "(the same key wrote two different entries with one sequence); "
                + "this node will not extend it. Inspect it with `kith-log verify`."
        case .chainDamaged(let chain, let sequence):
            return "entry \(sequence) of the chain of \(chain.author.fingerprint.full) was lost "
                + "from the log (see `kith-log verify`); posting now would reuse a sequence number. "
                + "Connect to a peer that holds it so it can be restored."
        case .signedBeyondLog(let chain, let held, let signed):
            return "the log holds your chain in this community up to #\(held), but this identity "
                + "has signed up to #\(signed): entries were lost (see `kith-log verify`). Kith "
                + "will not sign again until they are back, or it would sign a number twice. Run "
                + "your node where peers that hold them can reach it: they send them back. "
                + "Chain \(chain.author.fingerprint.short) in \(chain.community)."
        case .notDurable(let entry, let cause):
            return "entry #\(entry.sequence) could not be written to disk (\(cause)); it is kept "
                + "and will be written when the disk has room again, unless the node stops first"
        case .cannotSign(let error): return "cannot create the entry: \(error)"
        case .notAppended(let decision): return "the entry was not appended (\(decision))"
        }
    }
}
