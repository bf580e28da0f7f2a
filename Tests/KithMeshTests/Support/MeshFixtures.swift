import KithCore

/// Keys, communities and times the mesh tests share. Seeds and community keys match the core
/// vectors (alice, bob, garden, lobby), so every vector file speaks of the same nodes.
enum MeshFixtures {
    /// The key from seed 0x00...0x1f.
    static func alice() throws -> SigningKey { try SigningKey(seed: Array(0...31)) }

    /// The key from seed `BLAKE2b-256("kith vector seed 1")`.
    static func bob() throws -> SigningKey {
        try SigningKey(seed: Blake2b.hash256(Array("kith vector seed 1".utf8)))
    }

    /// The key from seed `BLAKE2b-256("kith vector seed 2")`.
    static func carol() throws -> SigningKey {
        try SigningKey(seed: Blake2b.hash256(Array("kith vector seed 2".utf8)))
    }

    /// The community whose key is `BLAKE2b-256("kith vector community 1")`.
    static func garden() throws -> CommunityKey {
        try CommunityKey(bytes: Blake2b.hash256(Array("kith vector community 1".utf8)))
    }

    /// The community whose key is `BLAKE2b-256("kith vector community 2")` (not in the core vectors).
    static func orchard() throws -> CommunityKey {
        try CommunityKey(bytes: Blake2b.hash256(Array("kith vector community 2".utf8)))
    }

    /// 2026-01-01T00:00:00Z in milliseconds.
    static let now: UInt64 = 1_767_225_600_000
}

/// Lowercase hex digits, written independently of the libraries' own hex code.
enum MeshHex {
    static func encode(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef")
        var text = ""
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return text
    }

    /// The bytes of lowercase or uppercase hex digits; nil when `text` is not hex.
    static func decode(_ text: String) -> [UInt8]? {
        let digits = Array(text.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var result: [UInt8] = []
        var index = 0
        while index < digits.count {
            guard let high = nibble(digits[index]), let low = nibble(digits[index + 1]) else {
                return nil
            }
            result.append(high << 4 | low)
            index += 2
        }
        return result
    }

    private static func nibble(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
