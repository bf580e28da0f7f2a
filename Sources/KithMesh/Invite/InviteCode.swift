import KithCore

/// A community key and name as one line of text that people copy, paste or read aloud:
/// `"kith1"` followed by base32 of a versioned, checksummed payload (invites.md).
///
/// An invite code holds the community key: it is exactly as secret as the key.
public struct InviteCode: Sendable, Equatable {
    /// The text every invite code starts with.
    public static let prefix = "kith1"

    /// The payload format version this software writes and reads.
    public static let version: UInt8 = 1

    /// The most bytes of UTF-8 a community name may have.
    public static let maximumNameByteCount = 32

    /// Payload bytes besides the name: version, name length, key, checksum.
    static let fixedPayloadByteCount = 1 + 1 + CommunityKey.byteCount + checksumByteCount

    /// Bytes of BLAKE2b-256 kept as the checksum.
    static let checksumByteCount = 4

    /// The community key the code carries.
    public let communityKey: CommunityKey

    /// The community's name, as its creator wrote it.
    public let name: String

    /// An invite code for `communityKey` named `name`.
    /// - Throws: ``InviteCodeError/badName`` unless the name is 1 to 32 bytes of UTF-8 without
    ///   control characters.
    public init(communityKey: CommunityKey, name: String) throws(InviteCodeError) {
        guard Self.isValidName(Array(name.utf8)) else { throw .badName }
        self.communityKey = communityKey
        self.name = name
    }

    /// Parses an invite code. Whitespace around it is ignored and letters may be in either case.
    /// - Throws: the first problem found, in the order invites.md gives.
    public init(parsing text: String) throws(InviteCodeError) {
        let scalars = Array(text.unicodeScalars.drop(while: \.properties.isWhitespace))
        let trimmed = scalars.reversed().drop(while: \.properties.isWhitespace).reversed()
        let prefixScalars = Array(Self.prefix.unicodeScalars)
        guard trimmed.count >= prefixScalars.count,
            zip(trimmed, prefixScalars).allSatisfy({ Self.asciiLowercased($0) == $1 })
        else { throw .badPrefix }

        var values: [UInt8] = []
        values.reserveCapacity(trimmed.count)
        for (position, scalar) in trimmed.enumerated().dropFirst(prefixScalars.count) {
            guard scalar.isASCII, let value = Base32.value(of: UInt8(scalar.value)) else {
                throw .badCharacter(position: position)
            }
            values.append(value)
        }
        guard let decoded = Base32.decode(values: values),
            Self.payloadByteCountRange.contains(decoded.bytes.count)
        else { throw .badLength }
        guard decoded.fillBitsAreZero else { throw .badPadding }
        try self.init(payload: decoded.bytes)
    }

    /// The sizes a payload can have: 39 to 70 bytes.
    static let payloadByteCountRange =
        (fixedPayloadByteCount + 1)...(fixedPayloadByteCount + maximumNameByteCount)

    /// Checks and reads a decoded payload of 39 to 70 bytes (steps 6 to 9 of invites.md's
    /// parsing rules).
    package init(payload: [UInt8]) throws(InviteCodeError) {
        guard Self.payloadByteCountRange.contains(payload.count) else { throw .badLength }
        let body = payload.dropLast(Self.checksumByteCount)
        guard Self.checksum(of: body).elementsEqual(payload.suffix(Self.checksumByteCount)) else {
            throw .badChecksum
        }
        guard payload[0] == Self.version else { throw .unsupportedVersion(payload[0]) }
        let nameLength = Int(payload[1])
        guard (1...Self.maximumNameByteCount).contains(nameLength),
            payload.count == Self.fixedPayloadByteCount + nameLength
        else { throw .badLength }
        let nameBytes = Array(payload[2..<2 + nameLength])
        guard Self.isValidName(nameBytes) else { throw .badName }
        let name = String(decoding: nameBytes, as: UTF8.self)
        let keyStart = 2 + nameLength
        guard
            let key = try? CommunityKey(
                bytes: payload[keyStart..<keyStart + CommunityKey.byteCount])
        else { throw .badLength }
        self.communityKey = key
        self.name = name
    }

    /// The payload: version, name length, name, key, checksum.
    package var payload: [UInt8] {
        var bytes: [UInt8] = [Self.version, UInt8(name.utf8.count)]
        bytes.append(contentsOf: name.utf8)
        bytes.append(contentsOf: communityKey.bytes)
        bytes.append(contentsOf: Self.checksum(of: bytes))
        return bytes
    }

    /// The invite code: `"kith1"` and the base32 payload, lowercase.
    public var text: String {
        Self.prefix + Base32.encode(payload)
    }

    /// The first 4 bytes of BLAKE2b-256 of `bytes`.
    package static func checksum(of bytes: some Collection<UInt8>) -> [UInt8] {
        Array(Blake2b.hash256(bytes).prefix(checksumByteCount))
    }

    /// `scalar` with ASCII capital letters made small; every other scalar unchanged.
    static func asciiLowercased(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        guard ("A"..."Z").contains(scalar), let lower = Unicode.Scalar(scalar.value + 0x20) else {
            return scalar
        }
        return lower
    }

    /// Whether `bytes` are a valid community name: 1 to 32 bytes of UTF-8 without control
    /// characters (U+0000 to U+001F and U+007F).
    static func isValidName(_ bytes: [UInt8]) -> Bool {
        guard (1...maximumNameByteCount).contains(bytes.count),
            Array(String(decoding: bytes, as: UTF8.self).utf8) == bytes
        else { return false }
        return !bytes.contains { $0 < 0x20 || $0 == 0x7f }
    }
}
