import KithStorage

/// `BlockListCodec` (blocklist.md) on a file's bytes. A decoded list must encode to a file that
/// decodes to the same list and encodes the same way again; a comment never holds a line break.
enum BlockListTarget {
    static let target = FuzzTarget(
        name: "block-list", summary: "BlockListCodec.decode and encode", run: run)

    static func run(_ data: UnsafeRawBufferPointer) {
        guard let list = try? BlockListCodec.decode(Array(data)) else { return }
        for author in list.authors {
            let comment = author.comment ?? ""
            fuzzCheck(
                !comment.unicodeScalars.contains { $0 == "\n" || $0 == "\r" },
                "a comment holds a line break: \(comment.debugDescription)")
        }
        let encoded = BlockListCodec.encode(list)
        let again = try? BlockListCodec.decode(encoded)
        fuzzCheck(again == list, "the encoded list decodes to another list")
        fuzzCheck(again.map(BlockListCodec.encode) == encoded, "encoding is not stable")
    }
}
