import KithCore

/// The text of a block list file (Protocol/blocklist.md), without touching any file.
public enum BlockListCodec {
    /// The largest file read: 4 MiB.
    public static let maximumByteCount: UInt64 = 4 << 20

    /// The list written in `bytes`.
    /// - Throws: ``BlockListError/malformedLine(line:reason:)`` naming the first bad line,
    ///   ``BlockListError/notUTF8``, ``BlockListError/tooManyAuthors(_:)`` or
    ///   ``BlockListError/tooLarge(byteCount:)``.
    public static func decode(_ bytes: [UInt8]) throws(BlockListError) -> BlockList {
        guard UInt64(bytes.count) <= maximumByteCount else {
            throw .tooLarge(byteCount: UInt64(bytes.count))
        }
        guard String(validating: bytes, as: UTF8.self) != nil else { throw .notUTF8 }
        var authors: [BlockedAuthor] = []
        var seen: Set<PublicKey> = []
        // Lines end at every line feed byte. (Splitting the text by Character would not split a
        // "\r\n", one Character, and would swallow the next line into a comment.)
        let lines = bytes.split(separator: 0x0a, omittingEmptySubsequences: false)
        for (index, line) in lines.enumerated() {
            let text = Substring(decoding: line, as: UTF8.self)
            guard let author = try decodeLine(text, number: index + 1) else { continue }
            guard seen.insert(author.key).inserted else { continue }
            guard authors.count < BlockList.maximumCount else {
                throw .tooManyAuthors(authors.count + 1)
            }
            authors.append(author)
        }
        return try BlockList(authors)
    }

    /// The file's text for `list`: one line per author in the list's order, `KEY` or
    /// `KEY COMMENT`, each ending with a line feed.
    public static func encode(_ list: BlockList) -> [UInt8] {
        var text = ""
        for author in list.authors {
            text += author.key.hex
            if let comment = author.comment { text += " " + comment }
            text += "\n"
        }
        return Array(text.utf8)
    }

    /// The author on one line, nil for a blank or comment line.
    private static func decodeLine(_ line: Substring, number: Int) throws(BlockListError)
        -> BlockedAuthor?
    {
        let utf8 = line.utf8
        if utf8.first == UInt8(ascii: "#")
            || utf8.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") })
        {
            return nil
        }
        let keyLength = PublicKey.byteCount * 2
        let keyEnd = utf8.index(utf8.startIndex, offsetBy: keyLength, limitedBy: utf8.endIndex)
        guard let keyEnd, utf8[..<keyEnd].allSatisfy(isLowercaseHexDigit) else {
            throw .malformedLine(line: number, reason: "no author key at the start")
        }
        let rest = utf8[keyEnd...]
        var comment: String?
        if let first = rest.first {
            guard first == UInt8(ascii: " ") else {
                throw .malformedLine(
                    line: number, reason: "the key is followed by something other than a space")
            }
            comment = String(Substring(rest.dropFirst()))
        }
        guard let key = try? PublicKey(hex: String(Substring(utf8[..<keyEnd]))) else {
            throw .malformedLine(line: number, reason: "no author key at the start")
        }
        return BlockedAuthor(key: key, comment: comment)
    }

    private static func isLowercaseHexDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
            || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
    }
}
