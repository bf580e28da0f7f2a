import KithCore

extension SignedSequences {
    /// What a signed-sequence file holds (after its magic).
    package struct Records {
        /// Each chain's record pair and last sequence signed: the greatest of its sound records.
        package var chains: [ChainKey: (index: Int, sequence: UInt64)] = [:]
        /// The number of record pairs, including those given to displaced chains.
        package var pairCount = 0
        /// Chains whose sound records are only in pairs that belong to other chains, given a new
        /// pair at the end: their record must be written there.
        package var displaced: [ChainKey] = []
    }

    /// The records in the bytes of a file whose magic is right. Damaged records are skipped; a
    /// partial last record is ignored.
    ///
    /// A pair belongs to the chain of its first sound record, and each chain keeps the first pair
    /// it owns: two chains never share a pair, so that recording one never overwrites the other.
    package static func decodeRecords(_ bytes: [UInt8]) -> Records {
        let recordCount = max(0, bytes.count - magic.count) / recordSize
        var records = Records(pairCount: (recordCount + 1) / 2)
        var owners: [Int: ChainKey] = [:]
        for record in 0..<recordCount {
            let start = magic.count + record * recordSize
            guard let (chain, sequence) = decode(bytes[start..<start + recordSize]) else {
                continue
            }
            let pair = record / 2
            let owner = owners[pair] ?? chain
            owners[pair] = owner
            if let known = records.chains[chain] {
                records.chains[chain] = (known.index, max(known.sequence, sequence))
            } else if owner == chain {
                records.chains[chain] = (pair, sequence)
            } else {
                records.chains[chain] = (records.pairCount, sequence)
                records.pairCount += 1
                records.displaced.append(chain)
            }
        }
        return records
    }

    /// The file position of the record of `sequence` in pair `pair`: even sequences in the pair's
    /// first record, odd ones in its second.
    package static func position(pair: Int, sequence: UInt64) -> UInt64 {
        UInt64(magic.count + (pair * 2 + Int(sequence % 2)) * recordSize)
    }

    /// The record of `sequence` of `chain`.
    package static func encode(_ chain: ChainKey, sequence: UInt64) -> [UInt8] {
        var bytes = chain.author.bytes + chain.community.bytes
        withUnsafeBytes(of: sequence.bigEndian) { bytes.append(contentsOf: $0) }
        let checksum = CRC32C.checksum(bytes)
        withUnsafeBytes(of: checksum.bigEndian) { bytes.append(contentsOf: $0) }
        bytes += [0, 0, 0, 0]
        return bytes
    }

    /// The chain and sequence of a sound record; nil for a damaged or empty one.
    package static func decode(_ record: ArraySlice<UInt8>) -> (ChainKey, UInt64)? {
        let bytes = Array(record)
        guard bytes.count == recordSize else { return nil }
        let stored =
            bytes[76..<80].reduce(0) { $0 | UInt32($1) } == 0
            ? bytes[72..<76].reduce(UInt32(0)) { $0 << 8 | UInt32($1) } : nil
        guard let stored, CRC32C.checksum(bytes[0..<72]) == stored,
            let author = try? PublicKey(bytes: bytes[0..<32]),
            let community = try? CommunityID(bytes: bytes[32..<64])
        else { return nil }
        let sequence = bytes[64..<72].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        guard sequence > 0 else { return nil }
        return (ChainKey(author: author, community: community), sequence)
    }
}
