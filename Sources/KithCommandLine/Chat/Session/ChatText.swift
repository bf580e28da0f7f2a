/// Text from other people made safe to show: a message must not move the cursor, change
/// colours or reprogram the terminal, so every control character but line breaks and tabs
/// becomes U+FFFD. The chat's own styling is added after this, around cleaned text.
enum ChatText {
    /// `text` with control characters other than `\n` and `\t` replaced by U+FFFD, and `\r`
    /// line endings turned into `\n`.
    static func clean(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        var previousWasReturn = false
        for scalar in text.unicodeScalars {
            defer { previousWasReturn = scalar == "\r" }
            switch scalar {
            case "\n":
                if !previousWasReturn { result.append(scalar) }
            case "\r":
                result.append("\n")
            case "\t":
                result.append(scalar)
            default:
                result.append(LineEditor.isControl(scalar) ? "\u{FFFD}" : scalar)
            }
        }
        return String(result)
    }
}
