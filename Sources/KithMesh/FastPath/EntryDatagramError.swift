/// Why a datagram was dropped instead of being read as an entry datagram (fastpath.md,
/// "Receiving").
public enum EntryDatagramError: Error, Equatable, Sendable, CustomStringConvertible {
    /// More bytes than the largest entry datagram: dropped before anything else was done.
    case tooLarge(byteCount: Int)
    /// Fewer bytes than the smallest entry datagram.
    case tooShort(byteCount: Int)
    /// The first two bytes are not `"KE"`.
    case badMagic
    /// A format version this software does not read.
    case unsupportedVersion(UInt8)
    /// No community key of the receiver authenticates it.
    case notForAnyCommunity
    /// The entry is not a well-formed entry (entries.md, before its signature is checked).
    case invalidEntry
    /// The entry's author is not the datagram's sender: only authors send their entries so.
    case notFromAuthor
    /// The entry belongs to another community than the key that opened the datagram.
    case wrongCommunity

    /// A sentence that says why the datagram was dropped.
    public var description: String {
        switch self {
        case .tooLarge(let byteCount):
            "entry datagram of \(byteCount) bytes is larger than \(EntryDatagramCodec.maximumDatagramByteCount)"
        case .tooShort(let byteCount):
            "entry datagram of \(byteCount) bytes is shorter than \(EntryDatagramCodec.minimumDatagramByteCount)"
        case .badMagic:
            "datagram does not start with the entry datagram magic \"KE\""
        case .unsupportedVersion(let version):
            "entry datagram version \(version) is not supported"
        case .notForAnyCommunity:
            "entry datagram does not authenticate with any of our community keys"
        case .invalidEntry:
            "entry datagram holds no well-formed entry"
        case .notFromAuthor:
            "entry datagram's sender is not the entry's author"
        case .wrongCommunity:
            "entry datagram's entry belongs to another community than its key"
        }
    }
}
