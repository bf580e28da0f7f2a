/// Why a datagram was dropped instead of being read as a beacon (discovery.md, "Receiving").
public enum BeaconError: Error, Equatable, Sendable, CustomStringConvertible {
    /// More than 256 bytes: dropped before anything else was done.
    case tooLarge(byteCount: Int)
    /// Fewer bytes than the smallest beacon (101).
    case tooShort(byteCount: Int)
    /// The first two bytes are not `"KB"`.
    case badMagic
    /// A beacon format this software does not read.
    case unsupportedVersion(UInt8)
    /// No community key of the receiver authenticates it: another community's beacon, or a forged
    /// or damaged datagram (the cases cannot be told apart).
    case notForAnyCommunity
    /// The beacon names TCP port 0.
    case invalidPort

    /// A sentence that says why the datagram was dropped.
    public var description: String {
        switch self {
        case .tooLarge(let byteCount):
            "beacon of \(byteCount) bytes is larger than \(BeaconCodec.maximumDatagramByteCount)"
        case .tooShort(let byteCount):
            "beacon of \(byteCount) bytes is shorter than \(BeaconCodec.minimumDatagramByteCount)"
        case .badMagic:
            "datagram does not start with the beacon magic \"KB\""
        case .unsupportedVersion(let version):
            "beacon version \(version) is not supported"
        case .notForAnyCommunity:
            "beacon does not authenticate with any of our community keys"
        case .invalidPort:
            "beacon names TCP port 0"
        }
    }
}
