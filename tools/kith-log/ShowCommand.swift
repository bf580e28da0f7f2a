import KithCommandLine
import KithCore
import KithStorage

/// `kith-log show ID|OFFSET`: one entry with every field.
struct ShowCommand: Command {
    static let id = Argument<String>(
        "ID|OFFSET",
        help: "The entry's id in hex, or a unique prefix of at least 8 hex digits (dump prints "
            + "12), or the log offset of its record in decimal (dump's first column).")
    static let json = Flag("json", help: "Print one JSON object on one line instead of text.")

    static var configuration: CommandConfiguration {
        CommandConfiguration(
            name: "show",
            abstract:
                "Show one entry with every field, its log offset, signature and chain status.",
            discussion: "A value of decimal digits is taken as a log offset when a record starts "
                + "there, else as an id prefix.",
            options: [KithHome.option, LogLocation.logOption, json],
            arguments: [id]
        )
    }

    /// The shortest id prefix accepted.
    static let minimumPrefixLength = 8

    let location: LogLocation.Choice
    /// The id prefix given, when the value can be one.
    let idPrefix: String?
    /// The log offset given, when the value can be one.
    let offset: UInt64?
    let printsJSON: Bool

    init(arguments: ParsedArguments) throws(UsageError) {
        location = try LogLocation.Choice(arguments: arguments)
        printsJSON = arguments.isSet(Self.json)
        let text = (arguments.value(of: Self.id) ?? "").lowercased()
        let isPrefix =
            text.count >= Self.minimumPrefixLength && text.count <= 2 * EntryID.byteCount
            && text.allSatisfy(\.isHexDigit)
        idPrefix = isPrefix ? text : nil
        offset = text.allSatisfy(\.isASCII) ? UInt64(text) : nil
        guard idPrefix != nil || offset != nil else {
            throw UsageError(
                "invalid entry id or log offset '\(text)': expected \(Self.minimumPrefixLength) to "
                    + "\(2 * EntryID.byteCount) hex digits, or a log offset in decimal")
        }
    }

    func run(_ context: CommandContext) throws {
        let reader = try LogLocation.openReader(location, context: context)
        if let offset, try show(offset: offset, in: reader, context: context) { return }
        guard let idPrefix else { throw KithLogError.noRecord(offset ?? 0) }
        try show(idPrefix: idPrefix, in: reader, context: context)
    }

    /// Shows the record at `offset`; returns false when no record starts there.
    private func show(offset: UInt64, in reader: LogReader, context: CommandContext) throws -> Bool
    {
        var replay = ChainReplay()
        var found: ScannedRecord?
        let summary = try LogScan.forEach(in: reader, replay: &replay) { record in
            guard record.offset.rawValue >= offset else { return .continue }
            if record.offset.rawValue == offset { found = record }
            return .stop
        }
        guard let found else { return false }
        DamageNotes.report(summary, context: context)
        switch found {
        case .entry(let offset, let entry, let outcome):
            print(EntryDetails(offset: offset, entry: entry, outcome: outcome), context: context)
        case .undecodable(let offset, let size, let error):
            if printsJSON {
                context.printJSONLine(RecordFormatting.jsonObject(found))
            } else {
                context.printLine("offset: \(offset)")
                context.printLine("size: \(size)")
                context.printLine("undecodable: \(error) (\(error.rule) rule)")
            }
        }
        return true
    }

    private func show(idPrefix: String, in reader: LogReader, context: CommandContext) throws {
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
        print(details, context: context)
    }

    private func print(_ details: EntryDetails, context: CommandContext) {
        if printsJSON {
            context.printJSONLine(details.jsonObject())
        } else {
            for line in details.textLines() { context.printLine(line) }
        }
    }
}
