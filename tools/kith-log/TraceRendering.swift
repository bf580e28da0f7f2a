import KithCommandLine
import KithCore
import KithStorage

/// `trace`'s pictures of a ``PropagationTree``: an indented tree for the terminal and a Graphviz
/// DOT graph (pure). ``TraceSVG`` draws the SVG.
enum TraceRendering {
    /// The tree as indented lines, one per node, with the delay of each hop:
    ///
    ///     a (3f2a-9c01)  posted here at 2026-11-28T17:00:00.000Z
    ///     └─ b (77e0-1b2c)  +12 ms  (2026-11-28T17:00:00.012Z)
    ///        └─ c (c1d4-9f00)  +9 ms  (2026-11-28T17:00:00.021Z)
    static func textLines(_ tree: PropagationTree) -> [String] {
        var lines: [String] = []
        for root in tree.roots { append(root, prefix: "", childPrefix: "", to: &lines) }
        if !tree.unrecorded.isEmpty {
            lines.append(
                "held, arrival not recorded: " + tree.unrecorded.map(\.name).joined(separator: ", ")
            )
        }
        if !tree.missing.isEmpty {
            lines.append("not held: " + tree.missing.map(\.name).joined(separator: ", "))
        }
        return lines.map { UntrustedText.escaped($0) }
    }

    private static func append(
        _ node: PropagationTree.Node, prefix: String, childPrefix: String, to lines: inout [String]
    ) {
        lines.append(prefix + node.label + detail(node))
        for (index, child) in node.children.enumerated() {
            let isLast = index == node.children.count - 1
            append(
                child, prefix: childPrefix + (isLast ? "└─ " : "├─ "),
                childPrefix: childPrefix + (isLast ? "   " : "│  "), to: &lines)
        }
    }

    /// `  posted here at TIME`, `  +12 ms  (TIME)`, or `  arrived TIME`, followed by
    /// `  by datagram` for an entry the home took from the fast path (fastpath.md).
    static func detail(_ node: PropagationTree.Node) -> String {
        guard let time = node.time else { return "" }
        let when = TimeFormatting.iso8601UTC(millisecondsSinceEpoch: time)
        if node.isOrigin { return "  posted here at \(when)" }
        let how: String
        switch node.home?.arrival?.source {
        case .some(.datagram): how = "  by datagram"
        default: how = ""
        }
        guard let delay = node.delay else { return "  arrived \(when)\(how)" }
        return "  \(delayText(delay))  (\(when))\(how)"
    }

    /// `+12 ms`, `-3 ms` (a clock behind its parent's), `+1.250 s`.
    static func delayText(_ milliseconds: Int64) -> String {
        let sign = milliseconds < 0 ? "-" : "+"
        let magnitude = milliseconds.magnitude
        guard magnitude >= 1000 else { return "\(sign)\(magnitude) ms" }
        let thousandths = String(magnitude % 1000)
        return "\(sign)\(magnitude / 1000)."
            + String(repeating: "0", count: 3 - thousandths.count) + thousandths + " s"
    }

    /// The tree as a Graphviz DOT graph: a box per node, an edge per hop labelled with its delay.
    static func dot(_ tree: PropagationTree, title: String) -> String {
        var lines = [
            "digraph trace {",
            "  label=\(quoted(title));",
            "  labelloc=t;",
            "  rankdir=LR;",
            "  node [shape=box, fontname=\"monospace\"];",
        ]
        var next = 0
        func visit(_ node: PropagationTree.Node) -> String {
            let name = "n\(next)"
            next += 1
            lines.append("  \(name) [label=\(quoted(node.label + detail(node)))];")
            for child in node.children {
                let childName = visit(child)
                let delay = child.delay.map(delayText) ?? ""
                lines.append("  \(name) -> \(childName) [label=\(quoted(delay))];")
            }
            return name
        }
        for root in tree.roots { _ = visit(root) }
        lines.append("}")
        return lines.joined(separator: "\n")
    }

    /// A DOT string literal: quotes and backslashes escaped, control characters dropped.
    static func quoted(_ text: String) -> String {
        "\"" + replacing(text, ["\"": "\\\"", "\\": "\\\\"]) + "\""
    }

    /// `text` with each scalar of `replacements` replaced and control characters dropped, for
    /// the DOT and SVG files (text from entries and paths must not break their syntax).
    static func replacing(_ text: String, _ replacements: [Unicode.Scalar: String]) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            if let replacement = replacements[scalar] {
                result += replacement
            } else if scalar.properties.generalCategory != .control {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
