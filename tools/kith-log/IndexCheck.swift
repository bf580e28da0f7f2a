import KithCore
import KithStorage

/// Compares an index (``IndexContents``) with the log it was derived from (pure: the log's
/// records come in one at a time, the findings go out).
///
/// The index must hold, in log order, exactly the entries a writer indexes: each next entry of
/// its chain and each chain's first fork entry (log.md; entries.md, "Forks"), up to the log
/// offset it says it covers; each with its log offset, id prefix, fork flag and link to the
/// chain's previous entry; every one findable in the id table; and each chain's head in the heads
/// snapshot.
struct IndexCheck {
    /// What the log says the index should hold at one ordinal.
    struct Expected {
        var offset: LogOffset
        var entry: Entry
        var isFork: Bool
        var chainPrevious: UInt64?
    }

    /// The index as read.
    let index: IndexContents
    /// The entries the index should hold, by ordinal.
    private(set) var expected: [Expected] = []
    /// Entries of the log after the covered end (not yet indexed, which is allowed).
    private(set) var beyondCoveredEnd = 0
    /// The last ordinal of each chain's next entries, and each chain's head.
    private var heads: [ChainKey: (ordinal: UInt64, entry: Entry)] = [:]

    /// A check of `index`.
    init(index: IndexContents) { self.index = index }

    /// The log offset the index covers (0 without a readable entry table).
    var coveredLogEnd: UInt64 { index.header?.coveredLogEnd ?? 0 }

    /// Takes the log's next record, as replayed in log order.
    mutating func add(_ record: ScannedRecord) {
        guard case .entry(let offset, let entry, let outcome) = record else { return }
        guard offset.rawValue < coveredLogEnd else {
            if case .next = outcome { beyondCoveredEnd += 1 }
            if case .fork = outcome { beyondCoveredEnd += 1 }
            return
        }
        let ordinal = UInt64(expected.count)
        switch outcome {
        case .next:
            expected.append(
                Expected(
                    offset: offset, entry: entry, isFork: false,
                    chainPrevious: heads[entry.chain]?.ordinal))
            heads[entry.chain] = (ordinal, entry)
        case .fork:
            expected.append(
                Expected(offset: offset, entry: entry, isFork: true, chainPrevious: nil))
        case .duplicate, .gap, .furtherFork:
            break
        }
    }

    /// Every disagreement between the index and the log, with the log offset it concerns.
    func findings(logEnd: UInt64) -> [VerifyFinding] {
        var findings = index.fileProblems.map {
            VerifyFinding(offset: .zero, severity: .problem, message: $0)
        }
        guard let header = index.header else { return findings }
        if header.coveredLogEnd > logEnd {
            findings.append(
                problem(
                    LogOffset(rawValue: logEnd),
                    "the index says it covers the log up to log offset \(header.coveredLogEnd), "
                        + "but the log ends at \(logEnd): the index is ahead of the log"))
        }
        findings += recordFindings()
        findings += idFindings()
        findings += headFindings(header)
        return findings
    }

    private func recordFindings() -> [VerifyFinding] {
        var findings: [VerifyFinding] = []
        for (ordinal, record) in index.records.enumerated() {
            guard ordinal < expected.count else {
                findings.append(
                    problem(
                        LogOffset(rawValue: record.logOffset),
                        "ordinal \(ordinal) of the entry table names log offset "
                            + "\(record.logOffset), but the log holds only \(expected.count) "
                            + "indexed entries before log offset \(coveredLogEnd)"))
                continue
            }
            let want = expected[ordinal]
            let wantPrefix = IndexContents.idPrefix(of: want.entry.id)
            var wrong: [String] = []
            if record.logOffset != want.offset.rawValue {
                wrong.append("log offset \(record.logOffset), not \(want.offset)")
            }
            if record.idPrefix != wantPrefix {
                wrong.append(
                    "id prefix \(Self.hex(record.idPrefix)), not \(Self.hex(wantPrefix))")
            }
            if record.isFork != want.isFork {
                wrong.append(want.isFork ? "no fork flag on a fork entry" : "a fork flag")
            }
            if record.chainPrevious != want.chainPrevious {
                wrong.append(
                    "chain link to \(Self.ordinal(record.chainPrevious)), not "
                        + Self.ordinal(want.chainPrevious))
            }
            if !wrong.isEmpty {
                findings.append(
                    problem(
                        want.offset,
                        "ordinal \(ordinal) (entry \(want.entry.id.hex.prefix(12)), sequence "
                            + "\(want.entry.sequence)): the index has "
                            + wrong.joined(separator: "; ")))
            }
        }
        for want in expected.dropFirst(index.records.count) {
            findings.append(
                problem(
                    want.offset,
                    "entry \(want.entry.id.hex.prefix(12)) (sequence \(want.entry.sequence)) is "
                        + "in the log before the covered end but not in the entry table"))
        }
        return findings
    }

    private func idFindings() -> [VerifyFinding] {
        guard index.idSlots != nil else { return [] }
        var findings: [VerifyFinding] = []
        if let count = index.idCount, count != UInt64(index.records.count) {
            findings.append(
                problem(
                    .zero,
                    "the id table counts \(count) ids, the entry table \(index.records.count)"))
        }
        for (ordinal, want) in expected.enumerated().prefix(index.records.count) {
            let prefix = IndexContents.idPrefix(of: want.entry.id)
            guard !index.ordinals(forIDPrefix: prefix).contains(UInt64(ordinal)) else { continue }
            findings.append(
                problem(
                    want.offset,
                    "entry \(want.entry.id.hex.prefix(12)) (ordinal \(ordinal)) cannot be found "
                        + "by its id: the id table has no slot for it"))
        }
        return findings
    }

    private func headFindings(_ header: IndexContents.Header) -> [VerifyFinding] {
        guard let snapshot = index.heads else { return [] }
        var findings: [VerifyFinding] = []
        if header.isClean,
            snapshot.entryCount != header.count || snapshot.coveredLogEnd != header.coveredLogEnd
        {
            findings.append(
                problem(
                    .zero,
                    "the heads snapshot covers \(snapshot.entryCount) entries up to log offset "
                        + "\(snapshot.coveredLogEnd), the entry table \(header.count) up to "
                        + "\(header.coveredLogEnd)"))
        }
        for (chain, head) in heads.sorted(by: { $0.value.ordinal < $1.value.ordinal }) {
            let who = "chain of \(chain.author.fingerprint.full)"
            guard let state = snapshot.chains[chain] else {
                findings.append(
                    problem(
                        expected[Int(head.ordinal)].offset,
                        "the heads snapshot has no \(who) (head sequence \(head.entry.sequence))"))
                continue
            }
            if state.headSequence != head.entry.sequence || state.headID != head.entry.id
                || state.headOrdinal != head.ordinal
            {
                findings.append(
                    problem(
                        expected[Int(head.ordinal)].offset,
                        "the heads snapshot has the \(who) at sequence \(state.headSequence) "
                            + "(ordinal \(state.headOrdinal)), the log at sequence "
                            + "\(head.entry.sequence) (ordinal \(head.ordinal))"))
            }
        }
        for chain in snapshot.chains.keys where heads[chain] == nil {
            findings.append(
                problem(
                    .zero,
                    "the heads snapshot has a chain of \(chain.author.fingerprint.full) that the "
                        + "log does not hold before the covered end"))
        }
        return findings
    }

    private func problem(_ offset: LogOffset, _ message: String) -> VerifyFinding {
        VerifyFinding(offset: offset, severity: .problem, message: message)
    }

    private static func ordinal(_ value: UInt64?) -> String {
        value.map { "ordinal \($0)" } ?? "none"
    }

    private static func hex(_ value: UInt64) -> String {
        var bytes: [UInt8] = []
        bytes.appendBigEndian(value)
        return Hex.encode(bytes)
    }
}
