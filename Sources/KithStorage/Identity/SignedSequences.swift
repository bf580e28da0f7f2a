import Glibc
import KithCore
import KithSystem

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
        let decoded = Self.decodeRecords(bytes)
        (chains, chainCount) = (decoded.chains, decoded.pairCount)
        // A chain found in another chain's pair (a file this store did not write) gets a pair of
        // its own at once, before the other chain's next record can overwrite its sequence.
        for chain in decoded.displaced {
            guard let known = chains[chain] else { continue }
            try write(
                Self.encode(chain, sequence: known.sequence),
                at: Self.position(pair: known.index, sequence: known.sequence))
            isDirty = true
        }
        try sync()
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
        try write(
            Self.encode(chain, sequence: sequence),
            at: Self.position(pair: index, sequence: sequence))
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
}
