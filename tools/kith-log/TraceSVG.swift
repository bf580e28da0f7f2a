/// `trace --format svg`: a ``PropagationTree`` drawn as boxes joined by arrows labelled with each
/// hop's delay, one column per hop (pure).
enum TraceSVG {
    private static let columnWidth = 330
    private static let rowHeight = 56
    private static let boxWidth = 280
    private static let boxHeight = 36

    /// The SVG document.
    static func document(_ tree: PropagationTree, title: String) -> String {
        var boxes: [String] = []
        var edges: [String] = []
        var row = 0
        var depthMax = 0
        /// Places `node` at `depth` on the next free row; returns the box's left-centre point.
        func place(_ node: PropagationTree.Node, depth: Int) -> (x: Int, y: Int) {
            depthMax = max(depthMax, depth)
            let x = 20 + depth * columnWidth
            let y = 50 + row * rowHeight
            row += 1
            boxes.append(
                "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(boxWidth)\" height=\"\(boxHeight)\" rx=\"6\" "
                    + "fill=\"\(node.isOrigin ? "#e8f4e8" : "#f4f4f8")\" stroke=\"#445\"/>")
            boxes.append(
                "<text x=\"\(x + 8)\" y=\"\(y + 15)\">\(escaped(node.label))</text>")
            let detail = TraceRendering.detail(node).trimmingPrefix("  ")
            boxes.append(
                "<text x=\"\(x + 8)\" y=\"\(y + 30)\" class=\"small\">\(escaped(String(detail)))</text>"
            )
            for child in node.children {
                let end = place(child, depth: depth + 1)
                let startX = x + boxWidth
                let startY = y + boxHeight / 2
                edges.append(
                    "<path d=\"M\(startX),\(startY) C\(startX + 25),\(startY) \(end.x - 25),\(end.y) "
                        + "\(end.x),\(end.y)\" fill=\"none\" stroke=\"#445\" marker-end=\"url(#arrow)\"/>"
                )
                let delay = child.delay.map(TraceRendering.delayText) ?? ""
                edges.append(
                    "<text x=\"\(startX + 6)\" y=\"\(min(startY, end.y) - 4)\" class=\"small\">"
                        + "\(escaped(delay))</text>")
            }
            return (x, y + boxHeight / 2)
        }
        for root in tree.roots { _ = place(root, depth: 0) }
        let width = 40 + depthMax * columnWidth + boxWidth
        let height = 70 + max(row, 1) * rowHeight
        return [
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" "
                + "font-family=\"monospace\" font-size=\"12\">",
            "<style>.small { font-size: 10px; fill: #334; }</style>",
            "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" "
                + "markerWidth=\"6\" markerHeight=\"6\" orient=\"auto\">"
                + "<path d=\"M0,0 L10,5 L0,10 z\" fill=\"#445\"/></marker></defs>",
            "<text x=\"20\" y=\"24\">\(escaped(title))</text>",
        ].joined(separator: "\n") + "\n" + (edges + boxes).joined(separator: "\n") + "\n</svg>"
    }

    /// Text for XML: `&`, `<`, `>` and quotes escaped, control characters dropped.
    static func escaped(_ text: String) -> String {
        TraceRendering.replacing(
            text, ["&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;"])
    }
}
