import KithCommandLine
import KithCore
import KithStorage
import KithSystem

/// `kith-log trace ID [--home DIR]... [--format text|dot|svg]`: when and from where an entry
/// reached each home, and the tree it spread along.
struct TraceCommand: Command {
    static let id = Argument<String>(
        "ID", help: "The entry's id in hex, or a unique prefix of at least 8 hex digits.")
    static let homes = Option<String>(
        "home", valueName: "DIR", isRepeatable: true,
        help: "A Kith home to read; give several to see the entry's path across them.")
    static let format = OptionWithDefault<String>(
        "format", valueName: "FORMAT", defaultValue: "text",
        help: "text (an indented tree), dot (Graphviz) or svg, written to standard output.")

    static var configuration: CommandConfiguration {
        CommandConfiguration(
            name: "trace",
            abstract: "Show when and from which peer an entry arrived, and its path across homes.",
            discussion: "Each node records, for every entry it appends, when it arrived (by its "
                + "own clock) and whether it was posted there or received in a session, with the "
                + "peer's key (<home>/index/arrivals.karv; never sent, never signed). Given "
                + "several homes (--home A --home B ...), trace links each home to the home whose "
                + "key it received the entry from and prints the propagation tree with each "
                + "hop's delay; a peer that is not among the homes appears as a stand-in. Delays "
                + "compare two machines' clocks, so they are only as good as the clocks. Entries "
                + "appended before a node recorded arrivals are listed as held without a "
                + "recorded arrival. With --format dot or svg the tree is written as a Graphviz "
                + "graph or an SVG picture (redirect it to a file).",
            options: [homes, format],
            arguments: [id]
        )
    }

    /// The output formats.
    enum Format: String, CaseIterable {
        case text, dot, svg
    }

    let idPrefix: String
    let homeChoices: [String]
    let outputFormat: Format

    init(arguments: ParsedArguments) throws(UsageError) {
        let text = (arguments.value(of: Self.id) ?? "").lowercased()
        guard text.count >= ShowCommand.minimumPrefixLength, text.count <= 2 * EntryID.byteCount,
            text.allSatisfy(\.isHexDigit)
        else {
            throw UsageError(
                "invalid entry id '\(text)': expected \(ShowCommand.minimumPrefixLength) to "
                    + "\(2 * EntryID.byteCount) hex digits")
        }
        idPrefix = text
        homeChoices = arguments.values(of: Self.homes)
        let formatText = arguments.value(of: Self.format)
        guard let format = Format(rawValue: formatText) else {
            throw UsageError(
                "invalid value '\(formatText)' for --format: expected text, dot or svg")
        }
        outputFormat = format
    }

    func run(_ context: CommandContext) throws {
        let homes: [String]
        if homeChoices.isEmpty {
            homes = [try KithHome.resolve(optionValue: nil, environment: context.environment).path]
        } else {
            homes = homeChoices
        }
        for home in homes where !FileSystem.isDirectory(EntryStore.logDirectory(in: home)) {
            throw KithLogError.noLog(EntryStore.logDirectory(in: home))
        }
        var found: [EntryID: Entry] = [:]
        for home in homes {
            for entry in try HomeTrace.entries(home: home, idPrefix: idPrefix) {
                found[entry.id] = entry
            }
        }
        guard let entry = found.values.first else { throw KithLogError.entryNotFound(idPrefix) }
        guard found.count == 1 else {
            throw KithLogError.ambiguousPrefix(idPrefix, matches: found.keys.map(\.hex).sorted())
        }
        let traces = try homes.map { try HomeTrace.read(home: $0, id: entry.id) }
        let tree = PropagationTree(traces)
        let title = Self.title(entry)
        switch outputFormat {
        case .text:
            context.printLine(UntrustedText.escaped(title))
            for line in TraceRendering.textLines(tree) { context.printLine(line) }
        case .dot:
            context.printLine(TraceRendering.dot(tree, title: title))
        case .svg:
            context.printLine(TraceSVG.document(tree, title: title))
        }
    }

    /// `entry 6a01d701ae57… (sequence 2 of 3f2a-9c01-7be4-55d0, post, claimed TIME)`.
    static func title(_ entry: Entry) -> String {
        "entry \(entry.id.hex) (sequence \(entry.sequence) of \(entry.author.fingerprint.full), "
            + "\(entry.contentType), claimed "
            + TimeFormatting.iso8601UTC(millisecondsSinceEpoch: entry.timestamp) + ")"
    }
}
