/// Encodes JSON values as single lines ("JSON Lines"): no newlines inside, keys in insertion
/// order, no spaces. Pure.
public enum JSONLine {
    /// The object as one line, without the trailing newline.
    public static func encode(_ object: JSONObject) -> String {
        var output = ""
        append(.object(object), to: &output)
        return output
    }

    /// The value as one line, without the trailing newline.
    public static func encode(_ value: JSONValue) -> String {
        var output = ""
        append(value, to: &output)
        return output
    }

    private static func append(_ value: JSONValue, to output: inout String) {
        switch value {
        case .string(let string):
            appendString(string, to: &output)
        case .int(let number):
            output += String(number)
        case .unsigned(let number):
            output += String(number)
        case .bool(let flag):
            output += flag ? "true" : "false"
        case .null:
            output += "null"
        case .array(let elements):
            output += "["
            for (index, element) in elements.enumerated() {
                if index > 0 { output += "," }
                append(element, to: &output)
            }
            output += "]"
        case .object(let object):
            output += "{"
            for (index, member) in object.members.enumerated() {
                if index > 0 { output += "," }
                appendString(member.key, to: &output)
                output += ":"
                append(member.value, to: &output)
            }
            output += "}"
        }
    }

    /// Appends `string` quoted, escaping what RFC 8259 requires (quote, backslash, U+0000–U+001F)
    /// plus U+007F, U+2028 and U+2029 so the line is safe to paste into JavaScript and terminals.
    static func appendString(_ string: String, to output: inout String) {
        output += "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            case "\u{00}"..."\u{1F}", "\u{7F}", "\u{2028}", "\u{2029}":
                output += "\\u" + hex4(scalar.value)
            default:
                output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }

    private static func hex4(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
