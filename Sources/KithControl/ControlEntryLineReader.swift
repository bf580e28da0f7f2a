import KithCore

/// Reads an entry line exactly as ``ControlEntry/responseLine`` writes it, by hand: the line a
/// chat reads for every entry. Anything else (other spacing, another order, a field a later
/// node adds) is not read here, and the generic decoder reads it instead.
struct ControlEntryLineReader {
    private let bytes: [UInt8]
    private var index = 0

    private init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The entry of `line`, decoded and checked like the generic decoder does; nil when the line
    /// is not in the hand-written form or does not hold a valid entry.
    static func entry(in line: some Collection<UInt8>) -> ControlEntry? {
        var reader = ControlEntryLineReader(Array(line))
        return reader.entry()
    }

    private mutating func entry() -> ControlEntry? {
        guard take(#"{"entry":{"author":"#), let author = hex() else { return nil }
        var authorName: String?
        if take(#","author_name":"#) {
            guard let name = string() else { return nil }
            authorName = name
        }
        guard take(#","bytes":"#), let raw = hex(), take(#","community":"#),
            let community = hex(), take(#","id":"#), let id = hex(), take(#","own":"#)
        else { return nil }
        let isOwn: Bool
        if take("true") {
            isOwn = true
        } else if take("false") {
            isOwn = false
        } else {
            return nil
        }
        var opened: (recipient: [UInt8], sender: [UInt8], text: String)?
        if take(#","private_message":{"recipient":"#) {
            guard let recipient = hex(), take(#","sender":"#), let sender = hex(),
                take(#","text":"#), let text = string(), take("}")
            else { return nil }
            opened = (recipient, sender, text)
        }
        guard take(#","sequence":"#), let sequence = number(), take(#"},"ok":true}"#),
            index == bytes.count,
            let entry = try? Entry(decoding: raw), entry.id.bytes == id,
            entry.author.bytes == author, entry.community.bytes == community,
            entry.sequence == sequence
        else { return nil }
        var privateMessage: ControlPrivateMessage?
        if let opened {
            guard let sender = try? PublicKey(bytes: opened.sender),
                let recipient = try? PublicKey(bytes: opened.recipient)
            else { return nil }
            if sender == entry.author {
                privateMessage = ControlPrivateMessage(
                    sender: sender, recipient: recipient, text: opened.text)
            }
        }
        return ControlEntry(
            entry: entry, authorName: authorName, isOwn: isOwn, privateMessage: privateMessage)
    }

    /// Takes `literal` if the bytes at the index are it.
    private mutating func take(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard bytes.count - index >= count else { return false }
        let matches = literal.withUTF8Buffer { expected in
            var offset = 0
            while offset < count {
                if bytes[index + offset] != expected[offset] { return false }
                offset += 1
            }
            return true
        }
        if matches { index += count }
        return matches
    }

    /// A string of lower-case hex digits, quotes included, as bytes.
    private mutating func hex() -> [UInt8]? {
        guard index < bytes.count, bytes[index] == 0x22 else { return nil }
        var end = index + 1
        while end < bytes.count, bytes[end] != 0x22 { end += 1 }
        guard end < bytes.count, (end - index - 1) % 2 == 0 else { return nil }
        var result: [UInt8] = []
        result.reserveCapacity((end - index - 1) / 2)
        var position = index + 1
        while position < end {
            guard let high = Self.nibble(bytes[position]),
                let low = Self.nibble(bytes[position + 1])
            else { return nil }
            result.append(high << 4 | low)
            position += 2
        }
        index = end + 1
        return result
    }

    private static func nibble(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        default: nil
        }
    }

    /// A JSON string, quotes included: its escapes undone, valid UTF-8.
    private mutating func string() -> String? {
        guard index < bytes.count, bytes[index] == 0x22 else { return nil }
        index += 1
        var text: [UInt8] = []
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case 0x22:
                return String(validating: text, as: UTF8.self)
            case 0x5c:
                guard index < bytes.count, unescape(into: &text) else { return nil }
            case 0x00..<0x20:
                return nil
            default:
                text.append(byte)
            }
        }
        return nil
    }

    /// Undoes the escape after a backslash; false when it is not one JSON allows.
    private mutating func unescape(into text: inout [UInt8]) -> Bool {
        let byte = bytes[index]
        index += 1
        switch byte {
        case 0x22, 0x5c, 0x2f: text.append(byte)
        case UInt8(ascii: "b"): text.append(0x08)
        case UInt8(ascii: "f"): text.append(0x0c)
        case UInt8(ascii: "n"): text.append(0x0a)
        case UInt8(ascii: "r"): text.append(0x0d)
        case UInt8(ascii: "t"): text.append(0x09)
        case UInt8(ascii: "u"):
            guard var scalar = codeUnit() else { return false }
            if (0xD800..<0xDC00).contains(scalar) {
                // A high surrogate must be followed by an escaped low one.
                guard take(#"\u"#), let low = codeUnit(), (0xDC00..<0xE000).contains(low)
                else { return false }
                scalar = 0x10000 + (scalar - 0xD800) << 10 + (low - 0xDC00)
            }
            guard let character = Unicode.Scalar(scalar) else { return false }
            text.append(contentsOf: Array(String(Character(character)).utf8))
        default: return false
        }
        return true
    }

    /// The four hex digits of a `\u` escape.
    private mutating func codeUnit() -> UInt32? {
        guard bytes.count - index >= 4 else { return nil }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let digit = bytes[index]
            let nibble: UInt8? =
                Self.nibble(digit)
                ?? ((UInt8(ascii: "A")...UInt8(ascii: "F")).contains(digit)
                    ? digit - UInt8(ascii: "A") + 10 : nil)
            guard let nibble else { return nil }
            value = value << 4 | UInt32(nibble)
            index += 1
        }
        return value
    }

    /// A whole number of decimal digits, without leading zeros.
    private mutating func number() -> UInt64? {
        var value: UInt64 = 0
        let start = index
        if index + 1 < bytes.count, bytes[index] == 0x30, (0x30...0x39).contains(bytes[index + 1]) {
            return nil
        }
        while index < bytes.count, (0x30...0x39).contains(bytes[index]) {
            let (times, overflowTimes) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflowSum) = times.addingReportingOverflow(UInt64(bytes[index] - 0x30))
            guard !overflowTimes, !overflowSum else { return nil }
            value = sum
            index += 1
        }
        return index > start ? value : nil
    }
}
