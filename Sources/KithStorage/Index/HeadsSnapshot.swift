import KithCore

/// The index's summary of chains, channels and private entries, saved at each checkpoint.
///
/// Layout (big-endian, private to this implementation): magic `"KITHHDS3"`, covered log end `u64`,
/// entry count `u64`, chain count `u32`, chains, channel count `u32`, channels, private count
/// `u32`, privates, then a BLAKE2b-256 checksum of everything before it. A channel is its
/// community, name length `u8` and name, post count, latest post ordinal + 1 (0: none), topic
/// ordinal + 1 (0: none), topic timestamp and topic id (zeros when there is no topic). A private
/// is a community and the ordinal of its latest private entry. A snapshot that fails to decode (an
/// older format among them) makes the index rebuild.
struct HeadsSnapshot: Equatable {
    static let magic: [UInt8] = Array("KITHHDS3".utf8)

    var coveredLogEnd: UInt64
    var entryCount: UInt64
    var chains: [ChainKey: ChainState]
    var channels: [ChannelKey: ChannelState]
    /// Per community, the ordinal of its latest private entry.
    var latestPrivate: [CommunityID: UInt64]

    /// The snapshot's bytes.
    func encoded() -> [UInt8] {
        var writer = BinaryWriter()
        writer.write(Self.magic)
        writer.write(coveredLogEnd)
        writer.write(entryCount)
        writer.write(UInt32(chains.count))
        for (key, state) in chains {
            writer.write(key.author.bytes)
            writer.write(key.community.bytes)
            writer.write(state.headSequence)
            writer.write(state.headOrdinal)
            writer.write(state.headID.bytes)
            writer.write(state.forkOrdinal.map { $0 + 1 } ?? 0)
            writer.write(state.highestSeenSequence)
            writer.write(state.aboutOrdinal.map { $0 + 1 } ?? 0)
        }
        writer.write(UInt32(channels.count))
        for (key, state) in channels {
            let name = Array(key.channel.name.utf8)
            writer.write(key.community.bytes)
            writer.write(UInt8(truncatingIfNeeded: name.count))
            writer.write(name)
            writer.write(state.count)
            writer.write(state.lastOrdinal.map { $0 + 1 } ?? 0)
            writer.write(state.topic.map { $0.ordinal + 1 } ?? 0)
            writer.write(state.topic?.timestamp ?? 0)
            writer.write(state.topic?.id.bytes ?? EntryID.zero.bytes)
        }
        writer.write(UInt32(latestPrivate.count))
        for (community, ordinal) in latestPrivate {
            writer.write(community.bytes)
            writer.write(ordinal)
        }
        let checksum = Blake2b.hash256(writer.bytes)
        writer.write(checksum)
        return writer.bytes
    }

    /// Decodes a snapshot, or returns nil when the bytes are not a sound snapshot.
    init?(decoding bytes: [UInt8]) {
        guard bytes.count >= Self.magic.count + 32 else { return nil }
        let body = Array(bytes[..<(bytes.count - 32)])
        guard Blake2b.hash256(body) == Array(bytes[(bytes.count - 32)...]) else { return nil }
        var reader = BinaryReader(body)
        guard reader.readBytes(8) == Self.magic,
            let covered = reader.readUInt64(),
            let entryCount = reader.readUInt64(),
            let chainCount = reader.readUInt32()
        else { return nil }
        var chains: [ChainKey: ChainState] = [:]
        // Sized once (a chain takes 136 bytes here, so a damaged count cannot ask for more than
        // the file holds): growing by doubling would hold two tables at the last rehash.
        chains.reserveCapacity(min(Int(chainCount), reader.remaining / 136))
        for _ in 0..<chainCount {
            guard let author = reader.readBytes(32).flatMap({ try? PublicKey(bytes: $0) }),
                let community = reader.readBytes(32).flatMap({ try? CommunityID(bytes: $0) }),
                let headSequence = reader.readUInt64(),
                let headOrdinal = reader.readUInt64(),
                let headID = reader.readBytes(32).flatMap({ try? EntryID(bytes: $0) }),
                let fork = reader.readUInt64(),
                let highest = reader.readUInt64(),
                let about = reader.readUInt64()
            else { return nil }
            chains[ChainKey(author: author, community: community)] = ChainState(
                headSequence: headSequence, headOrdinal: headOrdinal, headID: headID,
                forkOrdinal: fork == 0 ? nil : fork - 1, highestSeenSequence: highest,
                aboutOrdinal: about == 0 ? nil : about - 1)
        }
        guard let channelCount = reader.readUInt32() else { return nil }
        var channels: [ChannelKey: ChannelState] = [:]
        for _ in 0..<channelCount {
            guard let community = reader.readBytes(32).flatMap({ try? CommunityID(bytes: $0) }),
                let length = reader.readUInt8(),
                let nameBytes = reader.readBytes(Int(length)),
                let channel = try? ChannelName(String(decoding: nameBytes, as: UTF8.self)),
                let count = reader.readUInt64(),
                let last = reader.readUInt64(),
                let topicOrdinal = reader.readUInt64(),
                let topicTimestamp = reader.readUInt64(),
                let topicID = reader.readBytes(32).flatMap({ try? EntryID(bytes: $0) })
            else { return nil }
            let topic =
                topicOrdinal == 0
                ? nil
                : ChannelTopicState(
                    ordinal: topicOrdinal - 1, timestamp: topicTimestamp, id: topicID)
            channels[ChannelKey(community: community, channel: channel)] = ChannelState(
                count: count, lastOrdinal: last == 0 ? nil : last - 1, topic: topic)
        }
        guard let privateCount = reader.readUInt32() else { return nil }
        var latestPrivate: [CommunityID: UInt64] = [:]
        for _ in 0..<privateCount {
            guard let community = reader.readBytes(32).flatMap({ try? CommunityID(bytes: $0) }),
                let ordinal = reader.readUInt64(),
                ordinal < entryCount
            else { return nil }
            latestPrivate[community] = ordinal
        }
        guard reader.remaining == 0 else { return nil }
        self.init(
            coveredLogEnd: covered, entryCount: entryCount, chains: chains, channels: channels,
            latestPrivate: latestPrivate)
    }

    init(
        coveredLogEnd: UInt64, entryCount: UInt64, chains: [ChainKey: ChainState],
        channels: [ChannelKey: ChannelState], latestPrivate: [CommunityID: UInt64]
    ) {
        self.coveredLogEnd = coveredLogEnd
        self.entryCount = entryCount
        self.chains = chains
        self.channels = channels
        self.latestPrivate = latestPrivate
    }
}
