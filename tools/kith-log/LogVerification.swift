import KithCore
import KithStorage

/// What `verify` has found so far: it takes the log's records in order, with whether each
/// entry's signature is valid, and the scan's damage report, and keeps findings and counts
/// (pure: no file is read).
struct LogVerification {
    /// The home's community names, for attributing chains and findings.
    var communities = CommunityNames()
    /// Only entries of this community are checked, if given (damage is always reported).
    var selector: CommunitySelector?
    /// The chains rebuilt from the entries with valid signatures.
    private(set) var replay = ChainReplay()
    /// Findings in the order they were made (see ``sortedFindings``).
    private(set) var findings: [VerifyFinding] = []
    /// Sound records read.
    private(set) var recordCount = 0
    /// Records that are entries (whatever their signature).
    private(set) var entryCount = 0
    /// Fork entries found.
    private(set) var forkCount = 0
    /// Per chain, the gap report that later unchained entries of the chain are added to.
    private var openGaps: [ChainKey: OpenGap] = [:]

    /// A gap already reported for a chain that has not moved on since.
    private struct OpenGap {
        /// The report's index in `findings`.
        var finding: Int
        /// The sequence the chain expects next.
        var expected: UInt64
        /// The report's first sentence.
        var message: String
        /// How many further entries of the chain could not be chained.
        var laterEntries = 0
    }

    /// Records a sound record whose payload is not an entry.
    mutating func addUndecodable(offset: LogOffset, size: Int, error: EntryError) {
        recordCount += 1
        findings.append(
            VerifyFinding(
                offset: offset, severity: .problem,
                message:
                    "the record's \(size) bytes are not an entry (\(error.rule) rule): \(error)"))
    }

    /// Records a decoded entry and whether its signature is valid; replays it when it is.
    mutating func addEntry(_ entry: Entry, offset: LogOffset, signatureIsValid: Bool) {
        if let selector, !selector.matches(entry.community, names: communities) { return }
        recordCount += 1
        entryCount += 1
        guard signatureIsValid else {
            findings.append(
                VerifyFinding(
                    offset: offset, severity: .problem,
                    message: "bad signature: entry \(entry.id.hex) by \(who(entry)) "
                        + "does not verify with the author's key"))
            return
        }
        let outcome = replay.replay(entry, at: offset)
        switch outcome {
        case .next:
            openGaps[entry.chain] = nil
        case .duplicate(let earlier):
            findings.append(
                VerifyFinding(
                    offset: offset, severity: .problem,
                    message:
                        "duplicate: entry \(entry.id.hex) by \(who(entry)) is already in the "
                        + "log at log offset \(earlier); a writer never appends an entry twice"))
        case .gap(let expected):
            addGap(entry, offset: offset, expected: expected)
        case .fork(let kind, let conflicting):
            forkCount += 1
            let what =
                switch kind {
                case .sameSequence:
                    "entry \(entry.id.hex) conflicts with the chain's entry of the same sequence"
                case .brokenLink:
                    "entry \(entry.id.hex) (broken link) names previous \(entry.previous.hex), "
                        + "not the chain's head"
                }
            findings.append(
                VerifyFinding(
                    offset: offset, severity: .fork,
                    message:
                        "\(who(entry)): \(what)\(Self.at(conflicting)); kept as proof that "
                        + "the author's key was used twice"))
        case .furtherFork(let conflicting):
            forkCount += 1
            findings.append(
                VerifyFinding(
                    offset: offset, severity: .fork,
                    message:
                        "\(who(entry)): entry \(entry.id.hex) is a further fork of a chain "
                        + "already known to be forked\(Self.at(conflicting)) "
                        + "(Kith's writer drops these)"))
        }
    }

    /// Records what the scan found besides records: corrupt regions, damaged segments and a
    /// partial record at the end.
    mutating func addScanDamage(_ summary: ScanSummary) {
        for region in summary.corruptRegions {
            let message =
                switch region.kind {
                case .unreadableBytes:
                    "corrupt region of \(region.size) bytes: no sound record starts here "
                        + "(bad magic, length or checksum); reading resumed at log offset "
                        + "\(region.endOffset)"
                case .tornTailOfSealedSegment:
                    "corrupt region of \(region.size) bytes at the end of a segment that is not "
                        + "the last"
                case .missingSegmentData:
                    "\(region.size) bytes of the log are in no segment file (a segment is missing)"
                }
            findings.append(
                VerifyFinding(offset: region.offset, severity: .problem, message: message))
        }
        for segment in summary.damagedSegments {
            findings.append(
                VerifyFinding(
                    offset: segment.baseOffset, severity: .problem,
                    message: "damaged segment \(segment.path) (\(segment.fileSize) bytes) skipped: "
                        + "\(segment.reason)"))
        }
        if let tail = summary.partialTail {
            findings.append(
                VerifyFinding(
                    offset: tail.offset, severity: .warning,
                    message:
                        "the log ends with a partial record of \(tail.size) bytes: a record being "
                        + "written, or a torn tail the next writer will cut"))
        }
    }

    /// The findings in log order.
    var sortedFindings: [VerifyFinding] {
        findings.enumerated().sorted {
            ($0.element.offset, $0.offset) < ($1.element.offset, $1.offset)
        }.map(\.element)
    }

    /// How many findings make the log unsound: problems, plus forks and warnings when `strict`.
    func failureCount(strict: Bool) -> Int {
        findings.filter { $0.severity == .problem || strict }.count
    }

    /// The report's last line, with the chains of each community:
    /// `summary: 12 entries, 3 chains (lobby 2, garden 1), 2 authors, 1 fork, 0 problems`.
    func summaryLine(strict: Bool) -> String {
        let problems = failureCount(strict: strict)
        let perCommunity = replay.chainCount == 0 ? "" : " (\(chainsByCommunity))"
        return "summary: \(Self.count(entryCount, "entry", "entries")), "
            + "\(Self.count(replay.chainCount, "chain", "chains"))\(perCommunity), "
            + "\(Self.count(replay.authorCount, "author", "authors")), "
            + "\(Self.count(forkCount, "fork", "forks")), "
            + "\(Self.count(problems, "problem", "problems"))"
    }

    private mutating func addGap(_ entry: Entry, offset: LogOffset, expected: UInt64) {
        let chain = entry.chain
        if var open = openGaps[chain], open.expected == expected {
            open.laterEntries += 1
            openGaps[chain] = open
            findings[open.finding].message =
                open.message
                + "; \(Self.count(open.laterEntries, "later entry", "later entries")) of "
                + "the chain cannot be chained either"
            return
        }
        let missing =
            entry.sequence - 1 == expected
            ? "sequence \(expected) is missing"
            : "sequences \(expected) to \(entry.sequence - 1) are missing"
        let message = "gap in the chain of \(who(entry)): \(missing) from the log"
        openGaps[chain] = OpenGap(finding: findings.count, expected: expected, message: message)
        findings.append(VerifyFinding(offset: offset, severity: .problem, message: message))
    }

    /// `author 3f2a-9c01-7be4-55d0 sequence 7 in lobby`.
    func who(_ entry: Entry) -> String {
        "author \(entry.author.fingerprint.full) sequence \(entry.sequence) in "
            + communities.label(entry.community)
    }

    /// The chains per community, most first (ties by label): `garden 3, lobby 3`.
    var chainsByCommunity: String {
        var counts: [CommunityID: Int] = [:]
        for chain in replay.chains.keys { counts[chain.community, default: 0] += 1 }
        return counts.map { (label: communities.label($0.key), count: $0.value) }
            .sorted { ($1.count, $0.label) < ($0.count, $1.label) }
            .map { "\($0.label) \($0.count)" }.joined(separator: ", ")
    }

    private static func at(_ offset: LogOffset?) -> String {
        offset.map { " at log offset \($0)" } ?? ""
    }

    private static func count(_ number: Int, _ singular: String, _ plural: String) -> String {
        "\(number) \(number == 1 ? singular : plural)"
    }
}
