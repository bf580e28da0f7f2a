import KithCommandLine
import KithStorage

/// `kith-log dump [--json] [filters]`: every record of the log, one per line, in log order.
struct DumpCommand: Command {
    static let json = Flag("json", help: "Print one JSON object per line, every field included.")

    static var configuration: CommandConfiguration {
        CommandConfiguration(
            name: "dump",
            abstract: "Print the log's entries in log order, one per line.",
            discussion: "Text lines show the log offset, the claimed time (UTC), the author's "
                + "fingerprint, the sequence, the content type, and the post's channel and text "
                + "or a "
                + "summary; fork entries are marked [fork]. JSON lines carry every field of the "
                + "entry "
                + "after its \"offset\", and \"fork\": true for a fork entry. Records that are not "
                + "entries are printed with their offset unless a filter on entries is given. "
                + "Signatures are not checked here: use verify.",
            options: [KithHome.option, LogLocation.logOption, json] + EntryFilter.options
        )
    }

    let location: LogLocation.Choice
    let filter: EntryFilter
    let printsJSON: Bool

    init(arguments: ParsedArguments) throws(UsageError) {
        location = try LogLocation.Choice(arguments: arguments)
        filter = try EntryFilter(arguments: arguments)
        printsJSON = arguments.isSet(Self.json)
    }

    func run(_ context: CommandContext) throws {
        let reader = try LogLocation.openReader(location, context: context)
        var replay = ChainReplay()
        var printed = 0
        let summary = try LogScan.forEach(in: reader, replay: &replay) { record in
            guard filter.matches(record) else { return .continue }
            if printsJSON {
                context.printJSONLine(RecordFormatting.jsonObject(record))
            } else {
                context.printLine(RecordFormatting.textLine(record))
            }
            printed += 1
            if let limit = filter.limit, printed >= limit { return .stop }
            return .continue
        }
        DamageNotes.report(summary, context: context)
    }
}
