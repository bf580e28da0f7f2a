import Glibc
import KithCommandLine
import KithCore
import KithStorage
import KithSystem

/// `kith-log salvage`: copies every sound record of a damaged log into a fresh one, keeps the
/// damaged log aside, rebuilds the index, and reports what was lost.
struct SalvageCommand: Command {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            name: "salvage",
            abstract: "Repair a damaged log: copy every sound record into a fresh log.",
            discussion: "Run it on a home whose node is stopped (it takes the log's writer lock). "
                + "Every sound record is copied, in order, into a new log made in DIR/log.salvage "
                + "and synced; then the damaged log is renamed to DIR/log.damaged-TIME (it is "
                + "never changed or deleted) and the copy to DIR/log, and the index is rebuilt. "
                + "The report lists what was lost (corrupt regions, damaged segments and a "
                + "partial record, at their offsets in the damaged log), how many records were "
                + "copied, and each chain that now has a gap: peers send the missing entries "
                + "again when the node next meets them. A log without damage is left as it is. "
                + "If a salvage was interrupted, DIR/log.salvage is left and a new salvage "
                + "refuses to run until it is moved away.",
            options: [KithHome.option]
        )
    }

    let location: LogLocation.Choice

    init(arguments: ParsedArguments) throws(UsageError) {
        location = try LogLocation.Choice(arguments: arguments)
    }

    func run(_ context: CommandContext) throws {
        let (home, reader) = try LogLocation.openHome(
            location, context: context, command: "salvage")
        var replay = ChainReplay()
        let before = try LogScan.forEach(in: reader, replay: &replay) { _ in .continue }
        guard !before.isClean || before.partialTail != nil else {
            context.printLine("the log has no damage: nothing to salvage")
            return
        }
        let report: LogSalvage.Report
        do {
            report = try LogSalvage.salvage(home: home, suffix: Self.suffix())
        } catch {
            throw KithLogError.log(error)
        }
        context.printLine(
            "copied \(report.copiedRecords) sound records (\(report.copiedBytes) bytes) into a "
                + "new log; the damaged log is kept in \(report.damagedLog)")
        for line in Self.lossLines(report.lost) { context.printLine(line) }
        do {
            let store = try EntryStore.open(directory: home)
            let count = store.entryCount
            context.printLine("index rebuilt: \(count) \(count == 1 ? "entry" : "entries")")
            try store.close()
        } catch {
            context.note("the index could not be rebuilt now (\(error)); a node rebuilds it")
        }
        let names = CommunityNames.load(home: home, context: context)
        for line in try gapLines(home: home, names: names) { context.printLine(line) }
    }

    /// One line per loss: corrupt regions, damaged segments, a partial record.
    static func lossLines(_ lost: ScanSummary) -> [String] {
        var lines = lost.corruptRegions.map { region in
            let what =
                switch region.kind {
                case .unreadableBytes: "no sound record starts there"
                case .tornTailOfSealedSegment: "the torn end of a segment that is not the last"
                case .missingSegmentData: "in no segment file"
                }
            return "lost: \(region.size) bytes at log offset \(region.offset) of the damaged log "
                + "(\(what))"
        }
        lines += lost.damagedSegments.map {
            "lost: segment \($0.path) (\($0.fileSize) bytes), skipped: \($0.reason)"
        }
        if let tail = lost.partialTail {
            lines.append(
                "lost: a partial record of \(tail.size) bytes at log offset \(tail.offset) of the "
                    + "damaged log")
        }
        return lines
    }

    /// One line per chain of the new log that has a gap.
    private func gapLines(home: String, names: CommunityNames) throws -> [String] {
        let reader = try LogLocation.reader(home: home)
        var replay = ChainReplay()
        var gaps: [ChainKey: (expected: UInt64, first: UInt64, count: Int)] = [:]
        var order: [ChainKey] = []
        _ = try LogScan.forEach(in: reader, replay: &replay) { record in
            guard case .entry(_, let entry, .gap(let expected)) = record else { return .continue }
            if gaps[entry.chain] == nil { order.append(entry.chain) }
            let first = min(gaps[entry.chain]?.first ?? entry.sequence, entry.sequence)
            gaps[entry.chain] = (expected, first, (gaps[entry.chain]?.count ?? 0) + 1)
            return .continue
        }
        guard !order.isEmpty else { return ["no chain has a gap"] }
        return order.compactMap { chain in
            guard let gap = gaps[chain] else { return nil }
            let missing =
                gap.first - 1 == gap.expected
                ? "sequence \(gap.expected)" : "sequences \(gap.expected) to \(gap.first - 1)"
            return "gap: the chain of \(chain.author.fingerprint.full) in "
                + "\(UntrustedText.escaped(names.label(chain.community))) lacks \(missing); "
                + "\(gap.count) later "
                + "\(gap.count == 1 ? "entry waits" : "entries wait") for them"
        }
    }

    /// The current UTC time as `20261204T114500Z`, for the damaged log's name.
    static func suffix() -> String {
        let seconds = SystemClock.wallMilliseconds() / 1000
        let time = TimeFormatting.iso8601UTC(millisecondsSinceEpoch: seconds * 1000)
        return time.prefix { $0 != "." }.filter { $0 != "-" && $0 != ":" } + "Z"
    }
}
