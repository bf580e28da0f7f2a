import KithCommandLine
import KithCore
import KithStorage
import KithSystem

/// `kith-log check-index`: compares the home's index (`<home>/index`) with its log.
struct CheckIndexCommand: Command {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            name: "check-index",
            abstract: "Check the home's index against its log and report each disagreement.",
            discussion: "The index (<home>/index) is derived from the log and never "
                + "authoritative. This reads both without changing either and checks that the "
                + "entry table holds, in log order, exactly the entries a writer indexes (each "
                + "next entry of its chain and each chain's first fork entry) up to the log "
                + "offset it says it covers, with the right log offset, id prefix, fork flag and "
                + "chain link; that each can be found in the id table; that the heads snapshot "
                + "agrees; and that the index is not ahead of the log. Each disagreement is "
                + "printed with the log offset it concerns; exit status 1 when there is any. "
                + "While a node writes, the index is marked as being written and its newest "
                + "entries may not be synced: check a stopped node's home for a precise answer. "
                + "A writer rebuilds an index it finds wrong; deleting index/ loses nothing.",
            options: [KithHome.option]
        )
    }

    let location: LogLocation.Choice

    init(arguments: ParsedArguments) throws(UsageError) {
        location = try LogLocation.Choice(arguments: arguments)
    }

    func run(_ context: CommandContext) throws {
        let (home, reader) = try LogLocation.openHome(
            location, context: context, command: "check-index")
        let directory = EntryStore.indexDirectory(in: home)
        guard FileSystem.isDirectory(directory) else {
            context.printLine(
                "no index at \(directory): a writer builds one from the log when it opens it")
            return
        }
        var check = IndexCheck(index: IndexContents(directory: directory))
        var replay = ChainReplay()
        let summary = try LogScan.forEach(in: reader, replay: &replay) { record in
            check.add(record)
            return .continue
        }
        DamageNotes.report(summary, context: context)
        let logEnd: UInt64
        do {
            logEnd = try reader.endOffset().rawValue
        } catch {
            throw KithLogError.log(error)
        }
        let findings = check.findings(logEnd: logEnd).enumerated().sorted {
            ($0.element.offset, $0.offset) < ($1.element.offset, $1.offset)
        }.map(\.element)
        for finding in findings { context.printLine(finding.line) }
        context.printLine(summaryLine(check, problems: findings.count))
        guard findings.isEmpty else {
            throw CommandFailure(
                "the index disagrees with the log: \(findings.count) "
                    + "disagreement\(findings.count == 1 ? "" : "s") found")
        }
    }

    private func summaryLine(_ check: IndexCheck, problems: Int) -> String {
        guard let header = check.index.header else {
            return "index: unreadable, \(problems) disagreement\(problems == 1 ? "" : "s")"
        }
        var line =
            "index: \(header.count) entries up to log offset \(header.coveredLogEnd)"
            + (header.isClean ? " (checkpointed)" : " (being written, or not closed cleanly)")
        if check.beyondCoveredEnd > 0 {
            line += ", \(check.beyondCoveredEnd) later entries of the log not indexed yet"
        }
        return line + ", \(problems) disagreement\(problems == 1 ? "" : "s")"
    }
}
