/// A manual page in roff (`man 7 man-pages`) for a whole command tree, generated from its
/// declarations: the synopsis and description of the tool, then every command with its usage,
/// description, arguments and options.
public enum ManPage {
    /// The page for the tool whose root command is `root`; `section` is the manual section,
    /// `extraSections` are added at the end as (heading, paragraphs).
    public static func render(
        root: any CommandDeclaration.Type, section: Int = 1, version: String,
        extraSections: [(heading: String, text: String)] = []
    ) -> String {
        let nodes = CommandTreeNode.walk(root)
        guard let top = nodes.first else { return "" }
        let tool = top.configuration.name
        var page =
            ".TH \(escaped(tool.uppercased())) \(section) \"\" \"\(escaped(tool)) \(escaped(version))\"\n"
        page += ".SH NAME\n\(escaped(tool)) \\- \(escaped(top.configuration.abstract))\n"
        page +=
            ".SH SYNOPSIS\n.B \(escaped(tool))\n[\\fIOPTIONS\\fR] \\fICOMMAND\\fR [\\fIARGUMENTS\\fR]\n"
        if !top.configuration.discussion.isEmpty {
            page += ".SH DESCRIPTION\n" + paragraphs(top.configuration.discussion)
        }
        if !top.configuration.options.isEmpty {
            page += ".SH OPTIONS\n" + options(top.configuration.options)
        }
        page += ".SH COMMANDS\n"
        for node in nodes.dropFirst() {
            let words = ([tool] + node.path).joined(separator: " ")
            page += ".SS \(escaped(words))\n"
            page += escaped(node.configuration.abstract) + "\n"
            if !node.configuration.subcommands.isEmpty {
                let names = node.configuration.subcommands.map { $0.configuration.name }
                page += ".PP\nCommands: \(escaped(names.joined(separator: ", "))).\n"
                continue
            }
            page += ".PP\n.B \(escaped(words))\n" + synopsis(node) + "\n"
            if !node.configuration.discussion.isEmpty {
                page += ".PP\n" + paragraphs(node.configuration.discussion)
            }
            for argument in node.configuration.arguments {
                page +=
                    ".TP\n.I \(escaped(argument.name.uppercased()))\n\(escaped(argument.help))\n"
            }
            page += options(node.configuration.options)
        }
        for section in extraSections {
            page += ".SH \(escaped(section.heading.uppercased()))\n" + paragraphs(section.text)
        }
        return page
    }

    /// The options and arguments after a command's words, as the help text's usage line has
    /// them.
    private static func synopsis(_ node: CommandTreeNode) -> String {
        var parts: [String] = node.configuration.options.map { "[" + escaped($0.synopsis) + "]" }
        parts += node.configuration.arguments.map { escaped($0.synopsis) }
        return parts.joined(separator: " ")
    }

    /// One tagged paragraph per option.
    private static func options(_ options: [OptionDeclaration]) -> String {
        options.map { option in
            var tag = "\\fB\(escaped(option.spelling))\\fR"
            if let short = option.shortName { tag = "\\fB\\-\(escaped(String(short)))\\fR, " + tag }
            if case .value(let valueName, _) = option.kind {
                tag += " \\fI\(escaped(valueName))\\fR"
            }
            var help = option.help
            if let fallback = option.defaultValueDescription { help += " (default: \(fallback))" }
            return ".TP\n\(tag)\n\(escaped(help))\n"
        }.joined()
    }

    /// Text split into paragraphs at blank lines.
    private static func paragraphs(_ text: String) -> String {
        text.split(separator: "\n\n", omittingEmptySubsequences: true)
            .map { escaped(String($0).replacing("\n", with: " ")) + "\n" }
            .joined(separator: ".PP\n")
    }

    /// `text` safe in roff: backslashes doubled, dashes as minus signs, and a leading dot or
    /// quote not taken for a request.
    public static func escaped(_ text: String) -> String {
        var result = text.replacing("\\", with: "\\e").replacing("-", with: "\\-")
        if result.hasPrefix(".") || result.hasPrefix("'") { result = "\\&" + result }
        return result
    }
}
