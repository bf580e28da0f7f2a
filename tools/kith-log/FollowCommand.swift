import KithCommandLine
import KithStorage
import KithSystem

/// `kith-log follow [--json] [--new] [filters]`: prints the log's entries and then new ones as a
/// writer appends them, until interrupted.
struct FollowCommand: Command {
    static let json = Flag("json", help: "Print one JSON object per line, every field included.")
    static let newOnly = Flag(
        "new", help: "Skip the entries already in the log; print only new ones.")

    static var configuration: CommandConfiguration {
        CommandConfiguration(
            name: "follow",
            abstract:
                "Print the log's entries, then each new one as it is appended, until interrupted.",
            discussion:
                "Lines look like dump's. The log is polled about ten times a second without "
                + "taking its lock, so a node can keep writing. Ends with status 0 on Ctrl-C "
                + "(SIGINT), "
                + "SIGTERM, when standard output is closed, or after --limit matching records. "
                + "Once "
                + "the entries already in the log are printed, a note on standard error says so.",
            options: [KithHome.option, LogLocation.logOption, json, newOnly] + EntryFilter.options
        )
    }

    /// How long to wait before looking for new records again.
    static let pollInterval = Duration.milliseconds(100)
    /// How many records to print between checks that standard output is still open.
    static let outputCheckInterval = 256

    let location: LogLocation.Choice
    let filter: EntryFilter
    let printsJSON: Bool
    let printsOnlyNew: Bool

    init(arguments: ParsedArguments) throws(UsageError) {
        location = try LogLocation.Choice(arguments: arguments)
        filter = try EntryFilter(arguments: arguments)
        printsJSON = arguments.isSet(Self.json)
        printsOnlyNew = arguments.isSet(Self.newOnly)
    }

    func run(_ context: CommandContext) async throws {
        let reader = try LogLocation.openReader(location, context: context)
        let stop = StopRequest.install()
        let watchesOutput = context.standardOutput is StandardStream
        if watchesOutput { SignalTrap.ignoreBrokenPipe() }
        let cursor: LogCursor
        do {
            cursor = try reader.cursor(from: .zero)
        } catch {
            throw KithLogError.log(error)
        }
        var filter = self.filter
        let communities = LogLocation.communityNames(location, context: context)
        try filter.use(communities)
        var labels = RecordLabels(communities: communities)
        var replay = ChainReplay()
        var printed = 0
        var catchingUp = true
        while !stop.isRequested {
            while let event = try Self.next(cursor) {
                if stop.isRequested { return }
                guard case .record(let record) = event else {
                    DamageNotes.report(event, context: context)
                    continue
                }
                let scanned = record.payload.withUnsafeBytes {
                    ScannedRecord.read(offset: record.offset, payload: $0, replay: &replay)
                }
                labels.learn(from: scanned)
                guard !(catchingUp && printsOnlyNew), filter.matches(scanned) else { continue }
                if printsJSON {
                    context.printJSONLine(RecordFormatting.jsonObject(scanned, labels: labels))
                } else {
                    context.printLine(RecordFormatting.textLine(scanned, labels: labels))
                }
                printed += 1
                if let limit = filter.limit, printed >= limit { return }
                if watchesOutput, printed % Self.outputCheckInterval == 0, OutputWatch.isClosed() {
                    return
                }
            }
            if catchingUp {
                catchingUp = false
                context.note(
                    "following \(reader.directory) from log offset \(cursor.offset); "
                        + "stop with Ctrl-C")
            }
            if watchesOutput, OutputWatch.isClosed() { return }
            try await Task.sleep(for: Self.pollInterval)
        }
    }

    private static func next(_ cursor: LogCursor) throws(KithLogError) -> LogCursor.Event? {
        do {
            return try cursor.next()
        } catch {
            throw .log(error)
        }
    }
}
