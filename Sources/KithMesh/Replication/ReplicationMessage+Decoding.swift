import KithCore

extension ReplicationMessage {
    /// Reads the message in one frame's payload.
    ///
    /// Every count is checked against its limit and against the bytes present before anything is
    /// allocated for it, so a hostile frame costs no more memory than its own size.
    ///
    /// - Returns: the message, or nil when the type byte is one this version does not know
    ///   (the receiver ignores it: a later version may add types).
    /// - Throws: what makes the frame malformed; the receiver closes the session.
    public static func decode(_ frame: [UInt8]) throws(ReplicationMessageError)
        -> ReplicationMessage?
    {
        guard let typeByte = frame.first else { throw .empty }
        guard let type = ReplicationMessageType(rawValue: typeByte) else { return nil }
        let body = frame[1...]
        switch type {
        case .communities: return try decodeCommunities(body)
        case .clock: return try decodeClock(body)
        case .entry: return try decodeEntry(body)
        case .ping: return .ping(nonce: try decodeNonce(body, type: .ping))
        case .pong: return .pong(nonce: try decodeNonce(body, type: .pong))
        case .goodbye: return try decodeGoodbye(body)
        case .digest: return try decodeDigest(body)
        }
    }

    /// Checks that `body` is exactly `expected` bytes long.
    private static func requireLength(
        _ body: ArraySlice<UInt8>, _ expected: Int, type: ReplicationMessageType
    ) throws(ReplicationMessageError) {
        if body.count < expected { throw .truncated(type, expected: expected, actual: body.count) }
        if body.count > expected {
            throw .trailingBytes(type, expected: expected, actual: body.count)
        }
    }

    private static func decodeCommunities(_ body: ArraySlice<UInt8>) throws(ReplicationMessageError)
        -> ReplicationMessage
    {
        guard let countByte = body.first else {
            throw .truncated(.communities, expected: 1, actual: 0)
        }
        let count = Int(countByte)
        guard count <= ReplicationLimits.maxProofs else { throw .tooManyProofs(count) }
        try requireLength(body, 1 + count * CommunityProof.byteCount, type: .communities)
        var proofs: [CommunityProof] = []
        proofs.reserveCapacity(count)
        var offset = body.startIndex + 1
        for _ in 0..<count {
            let end = offset + CommunityProof.byteCount
            guard let proof = try? CommunityProof(bytes: body[offset..<end]) else {
                throw .truncated(.communities, expected: end - body.startIndex, actual: body.count)
            }
            proofs.append(proof)
            offset = end
        }
        return .communities(proofs)
    }

    private static func decodeClock(_ body: ArraySlice<UInt8>) throws(ReplicationMessageError)
        -> ReplicationMessage
    {
        let headerSize = CommunityID.byteCount + 2
        guard body.count >= headerSize else {
            throw .truncated(.clock, expected: headerSize, actual: body.count)
        }
        let start = body.startIndex
        guard let community = try? CommunityID(bytes: body[start..<start + CommunityID.byteCount]),
            let count16 = body.readBigEndian(UInt16.self, at: CommunityID.byteCount)
        else { throw .truncated(.clock, expected: headerSize, actual: body.count) }
        let count = Int(count16)
        guard count <= ReplicationLimits.maxClockChains else { throw .tooManyChains(count) }
        try requireLength(body, headerSize + count * ClockItem.byteCount, type: .clock)
        var chains: [ClockItem] = []
        chains.reserveCapacity(count)
        var seen = Set<PublicKey>(minimumCapacity: count)
        var offset = start + headerSize
        for _ in 0..<count {
            let keyEnd = offset + PublicKey.byteCount
            guard let author = try? PublicKey(bytes: body[offset..<keyEnd]),
                let sequence = body.readBigEndian(UInt64.self, at: keyEnd - start),
                let flags = body.readBigEndian(UInt8.self, at: keyEnd + 8 - start)
            else { throw .truncated(.clock, expected: keyEnd + 9 - start, actual: body.count) }
            guard seen.insert(author).inserted else { throw .repeatedAuthor(author) }
            // Reserved flag bits are ignored (replication.md, "Clock item flags").
            let push = flags & ClockItem.pushFlag != 0
            chains.append(ClockItem(author: author, sequence: sequence, push: push))
            offset = keyEnd + 9
        }
        return .clock(community: community, chains: chains)
    }

    private static func decodeDigest(_ body: ArraySlice<UInt8>) throws(ReplicationMessageError)
        -> ReplicationMessage
    {
        try requireLength(body, CommunityID.byteCount + ClockDigest.byteCount, type: .digest)
        let start = body.startIndex
        guard let community = try? CommunityID(bytes: body[start..<start + CommunityID.byteCount])
        else { throw .truncated(.digest, expected: CommunityID.byteCount, actual: body.count) }
        var buckets: [ClockDigest.Bucket] = []
        buckets.reserveCapacity(ClockDigest.bucketCount)
        var offset = CommunityID.byteCount
        for _ in 0..<ClockDigest.bucketCount {
            guard let count = body.readBigEndian(UInt32.self, at: offset),
                let hash = body.readBigEndian(UInt64.self, at: offset + 4)
            else { throw .truncated(.digest, expected: offset + 12, actual: body.count) }
            buckets.append(ClockDigest.Bucket(count: count, hash: hash))
            offset += 12
        }
        return .digest(community: community, ClockDigest(buckets: buckets))
    }

    private static func decodeEntry(_ body: ArraySlice<UInt8>) throws(ReplicationMessageError)
        -> ReplicationMessage
    {
        guard body.count >= EntryFormat.minEntrySize else { throw .entryTooShort(body.count) }
        guard body.count <= EntryFormat.maxEntrySize else { throw .entryTooLong(body.count) }
        return .entry(Array(body))
    }

    private static func decodeNonce(_ body: ArraySlice<UInt8>, type: ReplicationMessageType)
        throws(ReplicationMessageError) -> UInt64
    {
        try requireLength(body, 8, type: type)
        guard let nonce = body.readBigEndian(UInt64.self, at: 0) else {
            throw .truncated(type, expected: 8, actual: body.count)
        }
        return nonce
    }

    private static func decodeGoodbye(_ body: ArraySlice<UInt8>) throws(ReplicationMessageError)
        -> ReplicationMessage
    {
        guard let reasonByte = body.first else {
            throw .truncated(.goodbye, expected: 1, actual: 0)
        }
        let textBytes = body.dropFirst()
        guard textBytes.count <= ReplicationLimits.maxGoodbyeText else {
            throw .goodbyeTextTooLong(textBytes.count)
        }
        guard let text = String(validating: textBytes, as: UTF8.self) else {
            throw .goodbyeTextNotUTF8
        }
        return .goodbye(GoodbyeReason(rawValue: reasonByte), text: text)
    }
}
