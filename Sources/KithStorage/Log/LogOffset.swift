/// A position in the whole log: the segment's base offset plus the position inside its file.
///
/// A record's log offset is the log offset of its first byte (its magic). Offsets are local to one
/// node's log and never sent over the network. The first record of a fresh log is at
/// ``firstRecord`` (16), just after the first segment's header.
public struct LogOffset: RawRepresentable, Comparable, Hashable, Sendable, CustomStringConvertible {
    /// The offset as a number of bytes from the start of the log.
    public var rawValue: UInt64

    /// Wraps a number of bytes from the start of the log.
    public init(rawValue: UInt64) {
        self.rawValue = rawValue
    }

    /// Wraps a number of bytes from the start of the log.
    public init(_ rawValue: UInt64) {
        self.rawValue = rawValue
    }

    /// The start of the log. Scanning from `.zero` starts at the first record.
    public static let zero = LogOffset(0)

    /// The log offset of the first record of a log (just after the first segment's 16-byte header).
    public static let firstRecord = LogOffset(UInt64(SegmentFormat.headerSize))

    /// The offset `bytes` bytes further on.
    public func advanced(by bytes: UInt64) -> LogOffset {
        LogOffset(rawValue + bytes)
    }

    /// The number of bytes from `other` to this offset; `other` must not be greater than `self`.
    public func distance(from other: LogOffset) -> UInt64 {
        rawValue - other.rawValue
    }

    /// Orders offsets by position in the log.
    public static func < (lhs: LogOffset, rhs: LogOffset) -> Bool {
        lhs.rawValue < rhs.rawValue
    }

    /// The offset as a decimal number.
    public var description: String { String(rawValue) }
}
