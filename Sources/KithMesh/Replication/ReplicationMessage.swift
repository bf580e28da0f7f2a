import KithCore

/// One replication message: what one session frame carries after the handshake (replication.md,
/// "Messages"). ``decode(_:)`` reads one from a frame's payload; ``encoded()`` writes one.
public enum ReplicationMessage: Hashable, Sendable {
    /// `0x01`: one proof per community the sender is in (at most 64). Sent once, first.
    case communities([CommunityProof])
    /// `0x02`: chains the sender holds in `community`, each with its push flag (at most 1,024 per
    /// message, no author twice).
    case clock(community: CommunityID, chains: [ClockItem])
    /// `0x03`: one entry's bytes exactly as signed (183 to 16,567 bytes). The codec checks only
    /// the length; the receiver verifies the entry.
    case entry([UInt8])
    /// `0x04`: a keepalive; the peer answers with a `pong` carrying the same nonce.
    case ping(nonce: UInt64)
    /// `0x05`: the answer to the `ping` with this nonce.
    case pong(nonce: UInt64)
    /// `0x06`: the sender closes the session for `reason`, with up to 200 bytes of UTF-8 text.
    case goodbye(GoodbyeReason, text: String)
    /// `0x07`: the digest of the sender's clock of `community` (replication.md, "Digests").
    case digest(community: CommunityID, ClockDigest)

    /// The message's type byte.
    public var type: ReplicationMessageType {
        switch self {
        case .communities: .communities
        case .clock: .clock
        case .entry: .entry
        case .ping: .ping
        case .pong: .pong
        case .goodbye: .goodbye
        case .digest: .digest
        }
    }

    /// The number of bytes ``encoded()`` produces, computed without encoding.
    public var encodedCount: Int {
        switch self {
        case .communities(let proofs): 2 + proofs.count * CommunityProof.byteCount
        case .clock(_, let chains):
            1 + CommunityID.byteCount + 2 + chains.count * ClockItem.byteCount
        case .entry(let bytes): 1 + bytes.count
        case .ping, .pong: 1 + 8
        case .goodbye(_, let text): 2 + text.utf8.count
        case .digest: 1 + CommunityID.byteCount + ClockDigest.byteCount
        }
    }

    /// The message's bytes: the type byte, then the body.
    ///
    /// - Throws: the limit the message breaks (too many proofs or chains, an author twice in a
    ///   clock, an entry of the wrong size, goodbye text over 200 bytes). Every message the
    ///   decoder accepts encodes, and every message that encodes decodes to itself.
    public func encoded() throws(ReplicationMessageError) -> [UInt8] {
        try validate()
        var bytes: [UInt8] = []
        bytes.reserveCapacity(encodedCount)
        bytes.append(type.rawValue)
        switch self {
        case .communities(let proofs):
            bytes.append(UInt8(proofs.count))
            for proof in proofs { bytes.append(contentsOf: proof.bytes) }
        case .clock(let community, let chains):
            bytes.append(contentsOf: community.bytes)
            bytes.appendBigEndian(UInt16(chains.count))
            for item in chains {
                bytes.append(contentsOf: item.author.bytes)
                bytes.appendBigEndian(item.sequence)
                bytes.append(item.flags)
            }
        case .entry(let entryBytes):
            bytes.append(contentsOf: entryBytes)
        case .ping(let nonce), .pong(let nonce):
            bytes.appendBigEndian(nonce)
        case .goodbye(let reason, let text):
            bytes.append(reason.rawValue)
            bytes.append(contentsOf: text.utf8)
        case .digest(let community, let digest):
            bytes.append(contentsOf: community.bytes)
            for bucket in digest.buckets {
                bytes.appendBigEndian(bucket.count)
                bytes.appendBigEndian(bucket.hash)
            }
        }
        return bytes
    }

    /// Checks the limits of replication.md that a value of this enum could break.
    private func validate() throws(ReplicationMessageError) {
        switch self {
        case .communities(let proofs):
            guard proofs.count <= ReplicationLimits.maxProofs else {
                throw .tooManyProofs(proofs.count)
            }
        case .clock(_, let chains):
            guard chains.count <= ReplicationLimits.maxClockChains else {
                throw .tooManyChains(chains.count)
            }
            var seen = Set<PublicKey>(minimumCapacity: chains.count)
            for item in chains where !seen.insert(item.author).inserted {
                throw .repeatedAuthor(item.author)
            }
        case .entry(let bytes):
            guard bytes.count >= EntryFormat.minEntrySize else { throw .entryTooShort(bytes.count) }
            guard bytes.count <= EntryFormat.maxEntrySize else { throw .entryTooLong(bytes.count) }
        case .ping, .pong, .digest:
            break
        case .goodbye(_, let text):
            let length = text.utf8.count
            guard length <= ReplicationLimits.maxGoodbyeText else {
                throw .goodbyeTextTooLong(length)
            }
        }
    }
}

extension ReplicationMessage {
    /// A `goodbye` whose text is `text` cut to at most 200 UTF-8 bytes at a character boundary.
    public static func goodbye(_ reason: GoodbyeReason, truncating text: String)
        -> ReplicationMessage
    {
        var kept = ""
        var length = 0
        for character in text {
            let size = character.utf8.count
            guard length + size <= ReplicationLimits.maxGoodbyeText else { break }
            kept.append(character)
            length += size
        }
        return .goodbye(reason, text: kept)
    }
}
