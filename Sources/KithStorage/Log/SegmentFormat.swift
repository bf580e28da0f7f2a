/// The segment file layout and naming of log.md ("Segments"): pure functions, no IO.
///
/// A segment file is named by its base offset, 20 decimal digits and `.kseg`, and starts with a
/// 16-byte header: the magic `"KITHSEG1"` and the base offset as a big-endian `u64`.
public enum SegmentFormat {
    /// The magic that starts every segment file, `"KITHSEG1"`.
    public static let magic: [UInt8] = Array("KITHSEG1".utf8)

    /// The size of a segment header: magic and base offset.
    public static let headerSize = 16

    /// The suffix of segment file names.
    public static let fileSuffix = ".kseg"

    /// The suffix a writer adds while it creates a segment (the file is renamed when complete).
    static let temporarySuffix = ".kseg.tmp"

    /// The file name of the segment with this base offset: `00000000000067108880.kseg`.
    public static func fileName(baseOffset: UInt64) -> String {
        let digits = String(baseOffset)
        return String(repeating: "0", count: max(0, 20 - digits.count)) + digits + fileSuffix
    }

    /// The base offset named by a segment file name, or nil when the name is not exactly 20 decimal
    /// digits followed by `.kseg`.
    public static func baseOffset(fromFileName name: String) -> UInt64? {
        baseOffset(fromFileName: name, suffix: fileSuffix)
    }

    /// The base offset of a leftover temporary segment file name (`<20 digits>.kseg.tmp`).
    static func baseOffset(fromTemporaryFileName name: String) -> UInt64? {
        baseOffset(fromFileName: name, suffix: temporarySuffix)
    }

    private static func baseOffset(fromFileName name: String, suffix: String) -> UInt64? {
        let utf8 = Array(name.utf8)
        let suffixBytes = Array(suffix.utf8)
        guard utf8.count == 20 + suffixBytes.count, Array(utf8[20...]) == suffixBytes else {
            return nil
        }
        var value: UInt64 = 0
        for byte in utf8[..<20] {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(UInt64(byte - UInt8(ascii: "0")))
            guard !overflow1, !overflow2 else { return nil }
            value = sum
        }
        return value
    }

    /// The 16-byte header of the segment with this base offset.
    public static func header(baseOffset: UInt64) -> [UInt8] {
        var bytes = magic
        withUnsafeBytes(of: baseOffset.bigEndian) { bytes.append(contentsOf: $0) }
        return bytes
    }

    /// What is wrong with a segment header, if anything.
    public enum HeaderProblem: Sendable, Hashable {
        /// The file is shorter than a header.
        case tooShort(fileSize: UInt64)
        /// The first eight bytes are not `"KITHSEG1"`.
        case badMagic
        /// The header's base offset differs from the one in the file name.
        case baseOffsetMismatch(inHeader: UInt64)
    }

    /// Checks the start of a segment file whose name gives `expectedBaseOffset`; nil means the header
    /// is right. `bytes` holds the first bytes of the file (up to 16).
    public static func headerProblem(
        _ bytes: UnsafeRawBufferPointer, fileSize: UInt64, expectedBaseOffset: UInt64
    ) -> HeaderProblem? {
        guard bytes.count >= headerSize, fileSize >= UInt64(headerSize) else {
            return .tooShort(fileSize: fileSize)
        }
        guard bytes.prefix(8).elementsEqual(magic) else { return .badMagic }
        let base = UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        guard base == expectedBaseOffset else { return .baseOffsetMismatch(inHeader: base) }
        return nil
    }
}
