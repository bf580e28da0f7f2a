/// JSON with keys in the order they were written, rendered the same way every time, so the
/// vector files are stable and readable.
public indirect enum OrderedJSON {
    case object([(String, OrderedJSON)])
    case array([OrderedJSON])
    case string(String)
    case integer(UInt64)
    case null

    /// The document as text: two-space indentation, one member per line, a final newline.
    public func rendered() -> String {
        var text = ""
        render(into: &text, indent: 0)
        text.append("\n")
        return text
    }

    private func render(into text: inout String, indent: Int) {
        let inner = String(repeating: "  ", count: indent + 1)
        let outer = String(repeating: "  ", count: indent)
        switch self {
        case .object(let members):
            guard !members.isEmpty else {
                text.append("{}")
                return
            }
            text.append("{\n")
            for (index, (key, value)) in members.enumerated() {
                text.append(inner)
                text.append(Self.quoted(key))
                text.append(": ")
                value.render(into: &text, indent: indent + 1)
                text.append(index == members.count - 1 ? "\n" : ",\n")
            }
            text.append(outer + "}")
        case .array(let elements):
            guard !elements.isEmpty else {
                text.append("[]")
                return
            }
            text.append("[\n")
            for (index, element) in elements.enumerated() {
                text.append(inner)
                element.render(into: &text, indent: indent + 1)
                text.append(index == elements.count - 1 ? "\n" : ",\n")
            }
            text.append(outer + "]")
        case .string(let value):
            text.append(Self.quoted(value))
        case .integer(let value):
            text.append(String(value))
        case .null:
            text.append("null")
        }
    }

    /// A JSON string literal; non-ASCII text is written as UTF-8, control characters escaped.
    private static func quoted(_ value: String) -> String {
        var text = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": text.append("\\\"")
            case "\\": text.append("\\\\")
            case "\n": text.append("\\n")
            case "\r": text.append("\\r")
            case "\t": text.append("\\t")
            case _ where scalar.value < 0x20 || scalar.value == 0x7f:
                let hex = String(scalar.value, radix: 16)
                text.append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
            default: text.unicodeScalars.append(scalar)
            }
        }
        return text + "\""
    }
}
