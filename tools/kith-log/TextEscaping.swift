/// Makes text from the log safe to print on one line of a terminal (pure).
///
/// Entries come from other people: their text may hold line breaks or escape sequences that
/// would break the one-entry-per-line layout or drive the terminal. They are shown escaped.
enum TextEscaping {
    /// `text` with backslash, control characters (C0, DEL, C1) and the Unicode line and paragraph
    /// separators escaped: `\n`, `\t`, `\r`, `\\`, `\u{1b}`.
    static func singleLine(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{00}"..."\u{1F}", "\u{7F}"..."\u{9F}", "\u{2028}", "\u{2029}":
                output += "\\u{" + String(scalar.value, radix: 16) + "}"
            default:
                output.unicodeScalars.append(scalar)
            }
        }
        return output
    }

    /// The bytes as lowercase hex digits, two per byte.
    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".unicodeScalars)
        var output = String.UnicodeScalarView()
        for byte in bytes {
            output.append(digits[Int(byte >> 4)])
            output.append(digits[Int(byte & 0x0f)])
        }
        return String(output)
    }
}
