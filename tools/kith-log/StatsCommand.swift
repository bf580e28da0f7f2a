import KithCommandLine
import KithCore
import KithStorage

/// `kith-log stats [--json]`: counts and sizes of the log's entries.
struct StatsCommand: Command {
    static let json = Flag("json", help: "Print one JSON object on one line instead of text.")

    static var configuration: CommandConfiguration {
        CommandConfiguration(
            name: "stats",
            abstract:
                "Show counts and sizes: entries per author, channel and type, forks, segments.",
            discussion:
                "Authors are shown by fingerprint with the display name of their latest about "
                + "entry. Entry bytes are the signed entries; log bytes add each record's 12-byte "
                + "header. The time span is the earliest and latest time the authors claim. "
                + "Communities are shown by the name this home gives them, else by the first 16 "
                + "hex digits of their id; --community counts only that community's entries.",
            options: [KithHome.option, LogLocation.logOption, json, EntryFilter.communityOption]
        )
    }

    let location: LogLocation.Choice
    let printsJSON: Bool
    let community: CommunitySelector?

    init(arguments: ParsedArguments) throws(UsageError) {
        location = try LogLocation.Choice(arguments: arguments)
        printsJSON = arguments.isSet(Self.json)
        community = try EntryFilter.community(arguments)
    }

    func run(_ context: CommandContext) throws {
        let reader = try LogLocation.openReader(location, context: context)
        var replay = ChainReplay()
        var statistics = LogStatistics()
        var filter = EntryFilter()
        filter.community = community
        let communities = LogLocation.communityNames(location, context: context)
        try filter.use(communities)
        let summary = try LogScan.forEach(in: reader, replay: &replay) { record in
            if filter.matches(record) { statistics.add(record) }
            return .continue
        }
        let segments = try SegmentFiles(directory: reader.directory)
        let report = StatsReport(
            statistics: statistics, segments: segments, summary: summary,
            forkedChains: replay.forkedChains.filter {
                community?.matches($0.community, names: communities) ?? true
            }.count, communities: communities)
        if printsJSON {
            context.printJSONLine(report.jsonObject())
        } else {
            for line in report.textLines() { context.printLine(line) }
        }
        DamageNotes.report(summary, context: context)
    }
}
