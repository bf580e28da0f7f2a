/// Text that came from other people (posts, names, topics, private messages), made safe to show on
/// a terminal. It is the one place that decides what may not reach a terminal as it is: every
/// command that prints others' text (`kith history`, `kith tail`, `kith peers`, `kith chat`,
/// `kith-log`) goes through it.
///
/// Unsafe are the control characters (C0, DEL, C1: they move the cursor, clear the screen, set
/// the window title or the clipboard, or start such sequences), the line and paragraph separators
/// (U+2028, U+2029), and the bidirectional formatting characters (U+061C, U+200E, U+200F,
/// U+202A–U+202E, U+2066–U+2069), which reorder what follows them on the line and can make a
/// message read as something else.
public enum UntrustedText {
    /// Whether `scalar` must not reach a terminal as it is.
    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x2028, 0x2029: true
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// `text` with every unsafe character replaced by U+FFFD. With `keepingLineBreaks`, line
    /// breaks (CR LF, CR, LF) become `\n` and tabs stay: for a message shown over several lines.
    public static func replaced(_ text: String, keepingLineBreaks: Bool = false) -> String {
        var result = String.UnicodeScalarView()
        var previousWasReturn = false
        for scalar in text.unicodeScalars {
            defer { previousWasReturn = scalar == "\r" }
            if keepingLineBreaks {
                switch scalar {
                case "\n":
                    if !previousWasReturn { result.append(scalar) }
                    continue
                case "\r":
                    result.append("\n")
                    continue
                case "\t":
                    result.append(scalar)
                    continue
                default:
                    break
                }
            }
            result.append(isUnsafe(scalar) ? "\u{FFFD}" : scalar)
        }
        return String(result)
    }

    /// `text` on one line with every unsafe character written as an escape a reader can decode:
    /// `\n`, `\r`, `\t`, `\\` for a backslash, `\u{1b}` for the others (their code point in hex).
    public static func escaped(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case _ where isUnsafe(scalar):
                output += "\\u{" + String(scalar.value, radix: 16) + "}"
            default:
                output.unicodeScalars.append(scalar)
            }
        }
        return output
    }
}
