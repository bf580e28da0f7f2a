import KithCore
import KithStorage

/// The signed-sequence file decoder (log.md, "The signed-sequence file") on a file's bytes. Every
/// record it accepts must encode back to its 80 bytes; every chain's sequence must be the greatest
/// its records hold, in a record pair that exists and that no other chain has; and a file written
/// from the decoded chains must decode to the same chains.
enum SignedSequencesTarget {
    static let target = FuzzTarget(
        name: "signed-sequences", summary: "SignedSequences record and file decoding", run: run)

    private static let recordSize = SignedSequences.recordSize
    private static let magic = SignedSequences.magic

    static func run(_ data: UnsafeRawBufferPointer) {
        let bytes = Array(data)
        let records = SignedSequences.decodeRecords(bytes)
        let (chains, pairCount) = (records.chains, records.pairCount)
        var greatest: [ChainKey: UInt64] = [:]
        var start = magic.count
        while start + recordSize <= bytes.count {
            let record = bytes[start..<start + recordSize]
            if let (chain, sequence) = SignedSequences.decode(record) {
                fuzzCheck(
                    SignedSequences.encode(chain, sequence: sequence)[...] == record,
                    "the record at \(start) does not re-encode to its bytes")
                greatest[chain] = max(greatest[chain] ?? 0, sequence)
            }
            start += recordSize
        }
        fuzzCheck(
            chains.mapValues(\.sequence) == greatest, "the chains differ from their records")
        fuzzCheck(chains.values.allSatisfy { $0.index < pairCount }, "a record pair out of range")
        fuzzCheck(
            Set(chains.values.map(\.index)).count == chains.count, "two chains share a record pair")
        var rewritten = magic + [UInt8](repeating: 0, count: pairCount * 2 * recordSize)
        for (chain, known) in chains {
            let at = Int(SignedSequences.position(pair: known.index, sequence: known.sequence))
            rewritten.replaceSubrange(
                at..<at + recordSize, with: SignedSequences.encode(chain, sequence: known.sequence))
        }
        let reread = SignedSequences.decodeRecords(rewritten)
        fuzzCheck(
            reread.chains.mapValues(\.sequence) == greatest && reread.displaced.isEmpty,
            "the chains written again read differently")
    }
}
