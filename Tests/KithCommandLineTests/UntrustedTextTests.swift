import KithCommandLine
import Testing

@Suite("Untrusted text: what may reach a terminal")
struct UntrustedTextTests {
    /// Clear the screen, set the window title, write the clipboard (OSC 52), ring the bell, a C1
    /// CSI, a right-to-left override and an isolate, a line separator.
    static let hostile =
        "x \u{1B}[2J\u{1B}]0;owned\u{07}\u{1B}]52;c;ZWNobyBwd25lZA==\u{07}\u{9B}31m"
        + "\u{202E}gnp.exe\u{2066}\u{2028}end"

    @Test("every control, separator and bidirectional formatting character is unsafe; text is not")
    func unsafe() {
        for value: UInt32 in [
            0x00, 0x07, 0x08, 0x0A, 0x0D, 0x1B, 0x7F, 0x85, 0x9B, 0x9F, 0x061C, 0x200E, 0x200F,
            0x202A, 0x202E, 0x2028, 0x2029, 0x2066, 0x2069,
        ] {
            #expect(UntrustedText.isUnsafe(Unicode.Scalar(value)!), "U+\(String(value, radix: 16))")
        }
        for text in ["a", "é", "日", "😀", "\u{200D}", "\u{05D0}", " "] {
            #expect(!UntrustedText.isUnsafe(text.unicodeScalars.first!), "\(text)")
        }
    }

    @Test("replaced: unsafe characters become U+FFFD; line breaks only when kept")
    func replaced() {
        let shown = UntrustedText.replaced(Self.hostile)
        #expect(!shown.unicodeScalars.contains { UntrustedText.isUnsafe($0) })
        #expect(shown.hasPrefix("x \u{FFFD}[2J\u{FFFD}]0;owned\u{FFFD}"))
        #expect(shown.hasSuffix("\u{FFFD}end"))
        #expect(
            UntrustedText.replaced("a\r\nb\rc\nd\te")
                == "a\u{FFFD}\u{FFFD}b\u{FFFD}c\u{FFFD}d\u{FFFD}e")
        #expect(
            UntrustedText.replaced("a\r\nb\rc\nd\te", keepingLineBreaks: true) == "a\nb\nc\nd\te")
        #expect(UntrustedText.replaced("héllo wörld 日本 😀") == "héllo wörld 日本 😀")
    }

    @Test("escaped: one line a reader can decode")
    func escaped() {
        let line = UntrustedText.escaped(Self.hostile)
        #expect(!line.unicodeScalars.contains { UntrustedText.isUnsafe($0) })
        #expect(line.hasPrefix("x \\u{1b}[2J\\u{1b}]0;owned\\u{7}"))
        #expect(line.contains("\\u{9b}31m\\u{202e}gnp.exe\\u{2066}\\u{2028}end"))
        #expect(UntrustedText.escaped("a\\b\nc\rd\te") == "a\\\\b\\nc\\rd\\te")
    }
}
