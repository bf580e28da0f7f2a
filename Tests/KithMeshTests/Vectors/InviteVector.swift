import KithCore
import KithMesh
import KithTestSupport

/// Invite codes made from fixed keys and names, and damaged codes with the error each must give.
struct InviteVector {
    struct Valid {
        var name: String
        var keySource: String
        var key: CommunityKey
        var payload: [UInt8]
        var code: String
    }

    struct Invalid {
        var note: String
        var code: String
        var error: InviteCodeError
    }

    let valid: [Valid]
    let invalid: [Invalid]
    /// A valid code written in capitals with whitespace around it, and the code it is.
    let sloppy: (text: String, code: String)

    /// invites.md's White_Space code points: trimmed from both ends of a code.
    static let whiteSpace: [UInt32] = [
        0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0x85, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003,
        0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f,
        0x3000,
    ]
    /// Code points that some languages' trim functions remove but that are not White_Space: they
    /// are not trimmed, so a code with one of them in front has a bad prefix.
    static let notWhiteSpace: [UInt32] = [
        0x00, 0x1c, 0x1d, 0x1e, 0x1f, 0x180e, 0x200b, 0x200c, 0x200d, 0x2060, 0xfeff,
    ]

    /// `U+0009`: how the vectors write a code point.
    static func codePoint(_ value: UInt32) -> OrderedJSON {
        let digits = String(value, radix: 16, uppercase: true)
        return .string("U+" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits)
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The payload of invites.md, built by the test itself: version, name length, name, key,
    /// checksum (over everything before it).
    static func payload(version: UInt8 = 1, nameLength: Int? = nil, name: [UInt8], key: [UInt8])
        -> [UInt8]
    {
        var bytes: [UInt8] = [version, UInt8(nameLength ?? name.count)] + name + key
        bytes += Blake2b.hash256(bytes).prefix(4)
        return bytes
    }

    /// RFC 4648 base32, lowercase, no padding, written by the test itself.
    static func base32(_ bytes: [UInt8]) -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz234567")
        var bits: [Bool] = []
        for byte in bytes {
            for shift in stride(from: 7, through: 0, by: -1) {
                bits.append(byte >> UInt8(shift) & 1 == 1)
            }
        }
        while bits.count % 5 != 0 { bits.append(false) }
        var text = ""
        for start in stride(from: 0, to: bits.count, by: 5) {
            let value = bits[start..<start + 5].reduce(0) { $0 << 1 | ($1 ? 1 : 0) }
            text.append(alphabet[value])
        }
        return text
    }

    init(sources: MeshVectorSources) throws {
        let cases: [(String, String, CommunityKey)] = [
            ("garden", sources.garden.source, sources.gardenKey),
            (
                DefaultCommunity.name, "BLAKE2b-256(\"kith default community v1\")",
                DefaultCommunity.key
            ),
            ("Café ☕ workshop", sources.workshop.source, sources.workshopKey),
        ]
        valid = try cases.map { name, source, key in
            let code = try InviteCode(communityKey: key, name: name)
            let payload = Self.payload(name: Array(name.utf8), key: key.bytes)
            guard code.text == "kith1" + Self.base32(payload) else {
                throw Failure(
                    description: "library and test disagree on the invite code of \(name)")
            }
            return Valid(name: name, keySource: source, key: key, payload: payload, code: code.text)
        }
        let garden = valid[0].code
        let gardenKey = sources.gardenKey.bytes
        var characters = Array(garden)
        let sloppyText = "  " + garden.uppercased() + "\n"
        sloppy = (sloppyText, garden)

        var invalid: [Invalid] = []
        invalid.append(
            Invalid(note: "wrong prefix", code: "kith2" + garden.dropFirst(5), error: .badPrefix))
        characters[12] = "0"
        invalid.append(
            Invalid(
                note: "'0' is not a base32 digit", code: String(characters),
                error: .badCharacter(position: 12)))
        invalid.append(
            Invalid(
                note: "last character missing", code: String(garden.dropLast()), error: .badLength))
        // The garden payload is 44 bytes = 352 bits in 71 digits (355 bits): 3 filling bits.
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz234567")
        characters = Array(garden)
        guard let last = characters.last, let lastValue = alphabet.firstIndex(of: last) else {
            throw Failure(description: "garden code has no last digit")
        }
        characters[characters.count - 1] = alphabet[lastValue | 1]
        invalid.append(
            Invalid(
                note: "a filling bit of the last digit set", code: String(characters),
                error: .badPadding))
        characters = Array(garden)
        characters[30] = characters[30] == "a" ? "b" : "a"
        invalid.append(
            Invalid(note: "one digit changed", code: String(characters), error: .badChecksum))
        invalid.append(
            Invalid(
                note: "version 2 with a valid checksum",
                code: "kith1"
                    + Self.base32(
                        Self.payload(version: 2, name: Array("garden".utf8), key: gardenKey)),
                error: .unsupportedVersion(2)))
        invalid.append(
            Invalid(
                note: "name length 7 for a 6-byte name, valid checksum",
                code: "kith1"
                    + Self.base32(
                        Self.payload(nameLength: 7, name: Array("garden".utf8), key: gardenKey)),
                error: .badLength))
        invalid.append(
            Invalid(
                note: "a control character in the name, valid checksum",
                code: "kith1"
                    + Self.base32(Self.payload(name: Array("gar\u{7}den".utf8), key: gardenKey)),
                error: .badName))
        self.invalid = invalid
    }

    static func errorJSON(_ error: InviteCodeError) -> OrderedJSON {
        switch error {
        case .badCharacter(let position):
            .object([("error", .string("badCharacter")), ("position", .integer(UInt64(position)))])
        case .unsupportedVersion(let version):
            .object([
                ("error", .string("unsupportedVersion")), ("version", .integer(UInt64(version))),
            ])
        case .badPrefix: .object([("error", .string("badPrefix"))])
        case .badLength: .object([("error", .string("badLength"))])
        case .badPadding: .object([("error", .string("badPadding"))])
        case .badChecksum: .object([("error", .string("badChecksum"))])
        case .badName: .object([("error", .string("badName"))])
        }
    }

    /// The JSON document of invite.json.
    var document: OrderedJSON {
        .object([
            (
                "description",
                .string(
                    "Invite codes (invites.md): 'codes' from fixed community keys and names, with the "
                        + "payload in hex; 'accepted' is a code written sloppily that parses to 'code'; "
                        + "'whiteSpace' lists every code point trimmed from the ends of a code and some "
                        + "that are not; "
                        + "'invalid' codes must give 'error'.")
            ),
            ("prefix", .string(InviteCode.prefix)),
            (
                "codes",
                .array(
                    valid.map { valid in
                        .object([
                            ("name", .string(valid.name)),
                            ("nameHex", .hex(Array(valid.name.utf8))),
                            ("keySource", .string(valid.keySource)),
                            ("communityKey", .hex(valid.key.bytes)),
                            ("payload", .hex(valid.payload)),
                            ("code", .string(valid.code)),
                        ])
                    })
            ),
            (
                "accepted",
                .object([("text", .string(sloppy.text)), ("code", .string(sloppy.code))])
            ),
            (
                "whiteSpace",
                .object([
                    ("trimmed", .array(Self.whiteSpace.map(Self.codePoint))),
                    ("notTrimmed", .array(Self.notWhiteSpace.map(Self.codePoint))),
                ])
            ),
            (
                "invalid",
                .array(
                    invalid.map { invalid in
                        .object([
                            ("note", .string(invalid.note)), ("code", .string(invalid.code)),
                            ("expected", Self.errorJSON(invalid.error)),
                        ])
                    })
            ),
        ])
    }
}
