import KithCommandLine
import KithCore
import KithStorage

/// `kith-log show ID`: one entry with every field.
struct ShowCommand: Command {
    static let id = Argument<String>(
        "ID", help: "The entry's id in hex, or a unique prefix of at least 8 hex digits.")
    static let json = Flag("json", help: "Print one JSON object on one line instead of text.")

    static var configuration: CommandConfiguration {
        CommandConfiguration(
            name: "show",
            abstract:
                "Show one entry with every field, its log offset, signature and chain status.",
            options: [KithHome.option, LogLocation.logOption, json],
            arguments: [id]
        )
    }

    /// The shortest id prefix accepted.
    static let minimumPrefixLength = 8

    let location: LogLocation.Choice
    let idPrefix: String
    let printsJSON: Bool

    init(arguments: ParsedArguments) throws(UsageError) {
        location = try LogLocation.Choice(arguments: arguments)
        printsJSON = arguments.isSet(Self.json)
        let text = (arguments.value(of: Self.id) ?? "").lowercased()
        guard text.count >= Self.minimumPrefixLength, text.count <= 2 * EntryID.byteCount,
            text.allSatisfy(\.isHexDigit)
        else {
            throw UsageError(
                "invalid entry id '\(text)': expected \(Self.minimumPrefixLength) to "
                    + "\(2 * EntryID.byteCount) hex digits")
        }
        idPrefix = text
    }

    func run(_ context: CommandContext) throws {
        let reader = try LogLocation.openReader(location, context: context)
        var replay = ChainReplay()
        var found: [EntryID: EntryDetails] = [:]
        var order: [EntryID] = []
        let summary = try LogScan.forEach(in: reader, replay: &replay) { record in
            guard case .entry(let offset, let entry, let outcome) = record,
                entry.id.hex.hasPrefix(idPrefix)
            else { return .continue }
            if found[entry.id] == nil {
                found[entry.id] = EntryDetails(offset: offset, entry: entry, outcome: outcome)
                order.append(entry.id)
            } else {
                found[entry.id]?.laterCopies.append(offset)
            }
            return .continue
        }
        DamageNotes.report(summary, context: context)
        guard let first = order.first, let details = found[first] else {
            throw KithLogError.entryNotFound(idPrefix)
        }
        guard order.count == 1 else {
            throw KithLogError.ambiguousPrefix(idPrefix, matches: order.map(\.hex))
        }
        if printsJSON {
            context.printJSONLine(details.jsonObject())
        } else {
            for line in details.textLines() { context.printLine(line) }
        }
    }
}
