/// Bytes of a log segment that hold no sound record and are followed by one (log.md, "Reading and
/// recovery"), or log offsets that no segment file covers.
///
/// Corrupt regions are reported, never trusted and never deleted; every record after one is kept.
public struct CorruptRegion: Sendable, Hashable, CustomStringConvertible {
    /// Why the bytes are not trusted.
    public enum Kind: Sendable, Hashable {
        /// Bytes that do not form a sound record, followed by a sound record.
        case unreadableBytes
        /// Bytes without a sound record at the end of a segment that is not the last one (a torn
        /// tail in a sealed segment).
        case tornTailOfSealedSegment
        /// Log offsets between two segment files that no file holds (a segment file is missing, or
        /// the next one's base offset skips ahead).
        case missingSegmentData
    }

    /// The log offset of the first untrusted byte.
    public var offset: LogOffset
    /// The number of untrusted bytes.
    public var size: UInt64
    /// Why the bytes are not trusted.
    public var kind: Kind

    /// Describes a corrupt region.
    public init(offset: LogOffset, size: UInt64, kind: Kind = .unreadableBytes) {
        self.offset = offset
        self.size = size
        self.kind = kind
    }

    /// The log offset just after the region.
    public var endOffset: LogOffset { offset.advanced(by: size) }

    /// For example "corrupt region of 37 bytes at log offset 1234".
    public var description: String {
        switch kind {
        case .unreadableBytes:
            "corrupt region of \(size) bytes at log offset \(offset)"
        case .tornTailOfSealedSegment:
            "corrupt region of \(size) bytes at log offset \(offset) (torn tail of a segment that is not the last)"
        case .missingSegmentData:
            "missing log data: \(size) bytes at log offset \(offset) are in no segment file"
        }
    }
}

/// Bytes at the end of the last segment after its last sound record: what a crash during an append
/// leaves behind, or, for a reader, a record the writer has not finished writing yet.
public struct TornTail: Sendable, Hashable, CustomStringConvertible {
    /// The log offset of the first byte after the last sound record.
    public var offset: LogOffset
    /// The number of bytes after the last sound record.
    public var size: UInt64

    /// Describes a torn tail.
    public init(offset: LogOffset, size: UInt64) {
        self.offset = offset
        self.size = size
    }

    /// For example "torn tail of 37 bytes at log offset 1234".
    public var description: String {
        "torn tail of \(size) bytes at log offset \(offset)"
    }
}

/// A segment file that is skipped as a whole because its header or its place in the sequence of
/// segments is wrong (log.md, "Reading and recovery"). It is never deleted automatically.
public struct DamagedSegment: Sendable, Hashable, CustomStringConvertible {
    /// What is wrong with the segment.
    public enum Reason: Sendable, Hashable, CustomStringConvertible {
        /// The header itself is wrong (too short, bad magic, or a base offset unlike the name's).
        case badHeader(SegmentFormat.HeaderProblem)
        /// The segment starts before the end of the segment before it, so their log offsets overlap.
        case overlapsPreviousSegment(previousEnd: LogOffset)

        /// A readable explanation.
        public var description: String {
            switch self {
            case .badHeader(.tooShort(let size)):
                "the file is \(size) bytes, shorter than a segment header"
            case .badHeader(.badMagic):
                "the header does not start with \"KITHSEG1\""
            case .badHeader(.baseOffsetMismatch(let inHeader)):
                "the header names base offset \(inHeader), unlike the file name"
            case .overlapsPreviousSegment(let previousEnd):
                "it starts before the previous segment ends (at log offset \(previousEnd))"
            }
        }
    }

    /// The segment file's path.
    public var path: String
    /// The base offset in the file name.
    public var baseOffset: LogOffset
    /// The file's size in bytes.
    public var fileSize: UInt64
    /// What is wrong.
    public var reason: Reason

    /// Describes a damaged segment.
    public init(path: String, baseOffset: LogOffset, fileSize: UInt64, reason: Reason) {
        self.path = path
        self.baseOffset = baseOffset
        self.fileSize = fileSize
        self.reason = reason
    }

    /// For example "skipped damaged segment /x/log/00000000000000000000.kseg: the header does not
    /// start with "KITHSEG1"".
    public var description: String {
        "skipped damaged segment \(path): \(reason)"
    }
}
