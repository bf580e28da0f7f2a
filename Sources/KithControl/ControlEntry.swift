import KithCore

/// An entry as the control socket sends it: the signed bytes (hex) and what a chat line shows.
public struct ControlEntry: Codable, Sendable, Equatable {
    /// The entry id, 64 hex digits.
    public var id: String
    /// The community id, 64 hex digits.
    public var community: String
    /// The author's public key, 64 hex digits.
    public var author: String
    /// The entry's sequence number in its chain.
    public var sequence: UInt64
    /// The author's display name in the community, when the log holds one.
    public var authorName: String?
    /// Whether the node itself wrote it.
    public var own: Bool
    /// The whole signed entry (entries.md), hex.
    public var bytes: String
    /// The opened text when the entry is a private message this node sent or received.
    public var privateMessage: ControlPrivateMessage?

    /// The control form of `delivered`.
    public init(_ delivered: DeliveredEntry) {
        let entry = delivered.entry
        id = entry.id.hex
        community = entry.community.hex
        author = entry.author.hex
        sequence = entry.sequence
        authorName = delivered.authorName
        own = delivered.isOwn
        bytes = Self.hex(entry.bytes)
    }

    /// The entry again, decoded and checked against its id; nil when the bytes are not a
    /// well-formed entry. The signature is not checked again: the node verified it before
    /// appending, and the control socket is the owner's own (Protocol/control.md).
    public var delivered: DeliveredEntry? {
        guard let raw = Self.bytes(fromHex: bytes),
            let entry = try? Entry(decoding: raw), entry.id.hex == id
        else { return nil }
        return DeliveredEntry(entry: entry, authorName: authorName, isOwn: own)
    }

    private static let digits = Array("0123456789abcdef".utf8)

    private static func hex(_ bytes: [UInt8]) -> String {
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    private static func bytes(fromHex text: String) -> [UInt8]? {
        let characters = Array(text.utf8)
        guard characters.count % 2 == 0 else { return nil }
        func value(_ character: UInt8) -> UInt8? {
            switch character {
            case 0x30...0x39: character - 0x30
            case 0x61...0x66: character - 0x61 + 10
            case 0x41...0x46: character - 0x41 + 10
            default: nil
            }
        }
        var result: [UInt8] = []
        result.reserveCapacity(characters.count / 2)
        var index = 0
        while index < characters.count {
            guard let high = value(characters[index]), let low = value(characters[index + 1])
            else { return nil }
            result.append(high << 4 | low)
            index += 2
        }
        return result
    }
}
