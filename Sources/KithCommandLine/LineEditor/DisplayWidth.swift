/// How many terminal columns text occupies: an approximation of `wcwidth` by grapheme cluster.
/// East Asian wide and fullwidth characters and emoji count 2, combining marks and other
/// zero-width characters 0, controls 0, everything else 1.
public enum DisplayWidth {
    /// The columns `text` occupies.
    public static func columns(of text: some StringProtocol) -> Int {
        text.reduce(0) { $0 + columns(of: $1) }
    }

    /// The columns one grapheme cluster occupies (0, 1 or 2).
    public static func columns(of character: Character) -> Int {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if isZeroWidth(first) { return scalars.dropFirst().contains { !isZeroWidth($0) } ? 1 : 0 }
        if first.properties.isEmojiPresentation { return 2 }
        // A text-default emoji followed by VS16 (U+FE0F) is shown as an emoji.
        if first.properties.isEmoji, scalars.contains("\u{FE0F}") { return 2 }
        // Regional indicator pairs (flags).
        if (0x1F1E6...0x1F1FF).contains(first.value) { return 2 }
        return isWide(first) ? 2 : 1
    }

    /// Combining marks, format characters (joiners, bidi marks), controls.
    static func isZeroWidth(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control: return true
        default: return (0x1160...0x11FF).contains(scalar.value)  // Hangul medial vowels, finals
        }
    }

    /// East Asian Wide and Fullwidth ranges (after Markus Kuhn's `wcwidth`).
    static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        wideRanges.contains { $0.contains(scalar.value) }
    }

    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F,  // Hangul Jamo initials
        0x2329...0x232A,  // angle brackets
        0x2E80...0x303E,  // CJK radicals … CJK symbols and punctuation
        0x3041...0x33FF,  // Hiragana, Katakana, Bopomofo, Hangul compatibility, CJK compatibility
        0x3400...0x4DBF,  // CJK extension A
        0x4E00...0x9FFF,  // CJK unified ideographs
        0xA000...0xA4CF,  // Yi
        0xA960...0xA97F,  // Hangul Jamo extended A
        0xAC00...0xD7A3,  // Hangul syllables
        0xF900...0xFAFF,  // CJK compatibility ideographs
        0xFE10...0xFE19,  // vertical forms
        0xFE30...0xFE6F,  // CJK compatibility forms, small form variants
        0xFF00...0xFF60,  // fullwidth forms
        0xFFE0...0xFFE6,  // fullwidth signs
        0x1F300...0x1F64F,  // pictographs, emoticons
        0x1F900...0x1F9FF,  // supplemental symbols and pictographs
        0x20000...0x2FFFD,  // CJK extensions B…
        0x30000...0x3FFFD,  // CJK extension G…
    ]
}
