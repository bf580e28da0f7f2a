import KithCommandLine
import Testing

@Suite("LineEditor DisplayWidth")
struct LineEditorDisplayWidthTests {
    @Test(
        "column widths of single characters",
        arguments: [
            ("a", 1), ("é", 1), ("e\u{301}", 1), ("日", 2), ("한", 2), ("ア", 2), ("ｱ", 1),
            ("Ａ", 2), ("👍", 2), ("👍🏽", 2), ("👨‍👩‍👧", 2), ("🇫🇷", 2), ("❤️", 2), ("❤", 1),
            ("\u{301}", 0), ("\u{200B}", 0), ("\u{7}", 0), ("\u{1100}\u{1161}", 2),
        ] as [(Character, Int)])
    func character(character: Character, columns: Int) {
        #expect(DisplayWidth.columns(of: character) == columns)
    }

    @Test("the width of a string is the sum of its characters")
    func string() {
        #expect(DisplayWidth.columns(of: "ab日本e\u{301}👍") == 2 + 4 + 1 + 2)
        #expect(DisplayWidth.columns(of: "") == 0)
    }
}
