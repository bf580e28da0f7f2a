import KithCommandLine
import KithStorage

/// `kith-log dump [--json] [filters] [--limit N | -n N]`: the log's records, one per line, in log
/// order, or the last N newest first.
struct DumpCommand: Command {
    static let json = Flag("json", help: "Print one JSON object per line, every field included.")
    static let last = Option<Int>(
        "last", short: "n", valueName: "N",
        help: "Print only the last N matching records of the log, newest (last appended) first.")

    static var configuration: CommandConfiguration {
        CommandConfiguration(
            name: "dump",
            abstract: "Print the log's entries in log order, one per line.",
            discussion: "Text lines show the log offset, the entry's short id (which show takes), "
                + "the claimed time (UTC), the community (by the name this home gives it, else "
                + "the first 16 hex digits of its id), the author's fingerprint with the display "
                + "name their latest about entry so far gives, the sequence, the content type, "
                + "and the post's channel and text or a summary; fork entries are marked [fork]. "
                + "JSON lines carry every field of the entry after its \"offset\", "
                + "\"community_name\" and \"author_name\" where known, and \"fork\": true for a "
                + "fork entry. Records that are not entries are printed with their offset unless "
                + "a filter on entries is given. With -n N only the last N matching records are "
                + "printed, the newest first; --limit N prints the first N in log order. "
                + "Signatures are not checked here: use verify.",
            options: [KithHome.option, LogLocation.logOption, json, last] + EntryFilter.options
        )
    }

    let location: LogLocation.Choice
    let filter: EntryFilter
    let printsJSON: Bool
    let lastCount: Int?

    init(arguments: ParsedArguments) throws(UsageError) {
        location = try LogLocation.Choice(arguments: arguments)
        filter = try EntryFilter(arguments: arguments)
        printsJSON = arguments.isSet(Self.json)
        lastCount = arguments.value(of: Self.last)
        if let lastCount, lastCount < 1 { throw UsageError("-n must be at least 1") }
        if lastCount != nil, filter.limit != nil {
            throw UsageError("give either --limit (the first N) or -n (the last N), not both")
        }
    }

    func run(_ context: CommandContext) throws {
        let reader = try LogLocation.openReader(location, context: context)
        var filter = self.filter
        let communities = LogLocation.communityNames(location, context: context)
        try filter.use(communities)
        var labels = RecordLabels(communities: communities)
        var replay = ChainReplay()
        var printed = 0
        var newest = NewestRecords(capacity: lastCount ?? 0)
        let summary = try LogScan.forEach(in: reader, replay: &replay) { record in
            labels.learn(from: record)
            guard filter.matches(record) else { return .continue }
            if lastCount != nil {
                newest.add(record)
                return .continue
            }
            print(record, labels: labels, context: context)
            printed += 1
            if let limit = filter.limit, printed >= limit { return .stop }
            return .continue
        }
        for record in newest.newestFirst { print(record, labels: labels, context: context) }
        DamageNotes.report(summary, context: context)
    }

    private func print(_ record: ScannedRecord, labels: RecordLabels, context: CommandContext) {
        if printsJSON {
            context.printJSONLine(RecordFormatting.jsonObject(record, labels: labels))
        } else {
            context.printLine(RecordFormatting.textLine(record, labels: labels))
        }
    }
}
