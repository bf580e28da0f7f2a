import KithCore
import KithStorage

/// `BlockListCodec` (blocklist.md) on a file's bytes. A decoded list must hold the key of every
/// line (a line ends at each line feed byte), and encode to a file that decodes to the same list
/// and encodes the same way again.
enum BlockListTarget {
    static let target = FuzzTarget(
        name: "block-list", summary: "BlockListCodec.decode and encode", run: run)

    static func run(_ data: UnsafeRawBufferPointer) {
        guard let list = try? BlockListCodec.decode(Array(data)) else { return }
        for key in keysAtLineStarts(data) {
            fuzzCheck(list.contains(key), "the key of a line is not in the list: \(key.hex)")
        }
        let encoded = BlockListCodec.encode(list)
        let again = try? BlockListCodec.decode(encoded)
        fuzzCheck(again == list, "the encoded list decodes to another list")
        fuzzCheck(again.map(BlockListCodec.encode) == encoded, "encoding is not stable")
    }

    /// The keys of the lines that start with a key followed by a space or the line's end, read
    /// straight from the bytes as blocklist.md describes them.
    private static func keysAtLineStarts(_ data: UnsafeRawBufferPointer) -> [PublicKey] {
        let keyLength = PublicKey.byteCount * 2
        return data.split(separator: 0x0a, omittingEmptySubsequences: false).compactMap { line in
            guard line.count >= keyLength,
                line.count == keyLength || line[line.startIndex + keyLength] == 0x20
            else { return nil }
            let hex = String(decoding: line.prefix(keyLength), as: UTF8.self)
            guard hex.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) })
            else { return nil }
            return try? PublicKey(hex: hex)
        }
    }
}
