/// Writes usage lines and help text from command declarations. Pure: no IO.
public struct HelpFormatter {
    /// The width help text is wrapped to.
    public var lineWidth: Int

    /// A formatter wrapping text to `lineWidth` columns.
    public init(lineWidth: Int = 80) {
        self.lineWidth = lineWidth
    }

    /// The one-line synopsis: `Usage: kith id [--json]`.
    public func usageLine(for chain: CommandChain) -> String {
        let configuration = chain.current.configuration
        var words = chain.path
        words += configuration.options.map { option in
            let repeatMark = if case .value(_, true) = option.kind { " ..." } else { "" }
            return "[\(option.synopsis)\(repeatMark)]"
        }
        if !configuration.subcommands.isEmpty {
            words.append(configuration.defaultSubcommand == nil ? "<command>" : "[<command>]")
            words.append("[...]")
        } else {
            words += configuration.arguments.map(\.synopsis)
        }
        return "Usage: " + words.joined(separator: " ")
    }

    /// The full help text for the last command of the chain, ending with a newline.
    public func help(for chain: CommandChain) -> String {
        let configuration = chain.current.configuration
        var sections: [String] = [usageLine(for: chain)]
        if !configuration.abstract.isEmpty {
            sections.append(wrap(configuration.abstract, indent: 0))
        }
        if !configuration.discussion.isEmpty {
            sections.append(wrap(configuration.discussion, indent: 0))
        }
        if !configuration.arguments.isEmpty {
            sections.append(table("Arguments:", configuration.arguments.map { ($0.name, $0.help) }))
        }
        if !configuration.subcommands.isEmpty {
            let rows = configuration.subcommands.map {
                ($0.configuration.name, $0.configuration.abstract)
            }
            sections.append(table("Commands:", rows))
        }
        var ownRows = configuration.options.map(row(for:))
        if chain.commands.count == 1, configuration.version != nil {
            ownRows.append(("--version", "Show the version and exit."))
        }
        ownRows.append(("-h, --help", "Show this help and exit."))
        sections.append(table("Options:", ownRows))
        let shared = chain.sharedOptions
        if !shared.isEmpty { sections.append(table("Global options:", shared.map(row(for:)))) }
        if !configuration.subcommands.isEmpty {
            sections.append(
                "Run '\(chain.path.joined(separator: " ")) <command> --help' for help on a command."
            )
        }
        return sections.joined(separator: "\n\n") + "\n"
    }

    /// The two lines printed after a usage error: the synopsis and where to find help.
    public func usageHint(for chain: CommandChain) -> String {
        usageLine(for: chain)
            + "\nRun '\(chain.path.joined(separator: " ")) --help' for more information.\n"
    }

    private func row(for option: OptionDeclaration) -> (String, String) {
        let label = option.shortName.map { "-\($0), " + option.synopsis } ?? option.synopsis
        var help = option.help
        if case .value(_, true) = option.kind { help += " May be given more than once." }
        if let defaultValue = option.defaultValueDescription {
            help += " (default: \(defaultValue))"
        }
        return (label, help)
    }

    private func table(_ title: String, _ rows: [(label: String, help: String)]) -> String {
        let labelWidth = min(24, rows.map(\.label.count).max() ?? 0)
        let helpIndent = 2 + labelWidth + 2
        let lines = rows.map { label, help in
            let wrapped = wrap(help, indent: helpIndent)
            let helpText = String(wrapped.dropFirst(helpIndent))
            if label.count > labelWidth {
                return "  " + label + "\n" + wrapped
            }
            return "  " + label.padding(toLength: labelWidth) + "  " + helpText
        }
        return ([title] + lines).joined(separator: "\n")
    }

    /// Word-wraps `text` so every line starts with `indent` spaces and fits `lineWidth` where the
    /// words allow. Blank lines in `text` separate paragraphs and are kept.
    func wrap(_ text: String, indent: Int) -> String {
        let margin = String(repeating: " ", count: indent)
        let width = max(20, lineWidth - indent)
        let paragraphs = text.split(separator: "\n", omittingEmptySubsequences: false)
        return paragraphs.map { paragraph -> String in
            var lines: [String] = []
            var line = ""
            for word in paragraph.split(separator: " ") {
                if !line.isEmpty, line.count + 1 + word.count > width {
                    lines.append(line)
                    line = ""
                }
                line += (line.isEmpty ? "" : " ") + word
            }
            lines.append(line)
            return lines.map { $0.isEmpty ? "" : margin + $0 }.joined(separator: "\n")
        }.joined(separator: "\n")
    }
}

extension String {
    /// The string padded with spaces on the right to `length` characters (unchanged if longer).
    fileprivate func padding(toLength length: Int) -> String {
        count >= length ? self : self + String(repeating: " ", count: length - count)
    }
}
