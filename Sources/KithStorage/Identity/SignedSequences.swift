import Glibc
import KithCore

/// `<home>/signed`: for each chain this home has signed entries of, the last sequence signed
/// (log.md, "The signed-sequence file"). It lives outside the log, so that whatever happens to
/// the log (a damaged segment skipped, a record lost, a file deleted), the store never signs a
/// sequence of a chain again: a chain whose head in the log is below its last signed sequence is
/// damaged, and the store refuses to extend it until the missing entries are back.
///
/// Each chain has two 80-byte records, written in turn (even sequences in the first, odd in the
/// second), each with its own CRC-32C: a write torn by a crash damages at most the record being
/// written, and the other still holds the sequence before it.
package final class SignedSequences {
    /// The file's name in the home.
    static let fileName = "signed"
    /// The file's first 8 bytes.
    package static let magic = Array("KITHSIG1".utf8)
    /// The size of one record: author (32), community (32), sequence (u64), CRC-32C (u32), zeros.
    package static let recordSize = 80

    private let file: FileDescriptor
    private let path: String
    /// For each chain, the index of its first record and the last sequence signed.
    private var chains: [ChainKey: (index: Int, sequence: UInt64)] = [:]
    /// The number of chains with records.
    private var chainCount = 0
    private var isDirty = false
    /// Whether the file was unreadable when opened and was started again.
    private(set) var wasRebuilt = false

    private init(file: FileDescriptor, path: String) {
        self.file = file
        self.path = path
    }

    /// Opens (or creates, mode 0600) the file in `home` and reads every chain's last sequence.
    /// A file whose magic is wrong is started again (`wasRebuilt`): the log's heads then stand
    /// for it until the chains are signed again.
    static func open(home: String) throws(StoreError) -> SignedSequences {
        let path = home + "/" + fileName
        let file: FileDescriptor
        do {
            file = try FileDescriptor.open(path, .readWrite, options: .create, permissions: 0o600)
        } catch {
            throw .log(error.log("open", path))
        }
        let signed = SignedSequences(file: file, path: path)
        do {
            try signed.load()
        } catch {
            try? file.close()
            throw error
        }
        return signed
    }

    private func load() throws(StoreError) {
        let bytes: [UInt8]
        do {
            let size = try file.size()
            bytes = try file.read(count: Int(min(size, 1 << 30)), at: 0)
        } catch {
            throw .log(error.log("read", path))
        }
        guard bytes.count >= Self.magic.count, Array(bytes.prefix(8)) == Self.magic else {
            wasRebuilt = !bytes.isEmpty
            try write(Self.magic, at: 0)
            do {
                try file.truncate(to: UInt64(Self.magic.count))
                try file.dataSync()
            } catch {
                throw .log(error.log("fdatasync", path))
            }
            return
        }
        (chains, chainCount) = Self.decodeRecords(bytes)
    }

    /// Each chain's record pair and last sequence signed, and the number of record pairs, read
    /// from the bytes of a file whose magic is right. Damaged records are skipped; a partial last
    /// record is ignored.
    package static func decodeRecords(_ bytes: [UInt8])
        -> (chains: [ChainKey: (index: Int, sequence: UInt64)], pairCount: Int)
    {
        let records = max(0, bytes.count - magic.count) / recordSize
        var chains: [ChainKey: (index: Int, sequence: UInt64)] = [:]
        for record in 0..<records {
            let start = magic.count + record * recordSize
            guard let (chain, sequence) = decode(bytes[start..<start + recordSize]) else {
                continue
            }
            let first = record - record % 2
            let known = chains[chain]?.sequence ?? 0
            chains[chain] = (first / 2, max(known, sequence))
        }
        return (chains, (records + 1) / 2)
    }

    /// The last sequence signed of `chain`, 0 when none was recorded.
    func lastSigned(_ chain: ChainKey) -> UInt64 {
        chains[chain]?.sequence ?? 0
    }

    /// Records that `sequence` of `chain` was signed; durable after ``sync()``.
    func record(_ chain: ChainKey, sequence: UInt64) throws(StoreError) {
        let index: Int
        if let known = chains[chain] {
            index = known.index
        } else {
            index = chainCount
            chainCount += 1
        }
        chains[chain] = (index, sequence)
        let record = index * 2 + Int(sequence % 2)
        try write(
            Self.encode(chain, sequence: sequence),
            at: UInt64(Self.magic.count + record * Self.recordSize))
        isDirty = true
    }

    /// Makes what was recorded durable. The corresponding C function is `fdatasync`.
    func sync() throws(StoreError) {
        guard isDirty else { return }
        do {
            try file.dataSync()
        } catch {
            throw .log(error.log("fdatasync", path))
        }
        isDirty = false
    }

    /// Closes the file.
    func close() {
        try? file.close()
    }

    private func write(_ bytes: [UInt8], at offset: UInt64) throws(StoreError) {
        do {
            try file.writeAll(bytes, at: offset)
        } catch {
            throw .log(error.log("write", path))
        }
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
