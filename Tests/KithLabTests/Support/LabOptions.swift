/// How a host's link to a bridge gets its IPv4 address.
enum IPv4Assignment: Sendable, Equatable, ExpressibleByStringLiteral {
    /// The next free 10.77.<bridge number>.<slot>/24 address of the bridge.
    case automatic
    /// No IPv4 address on this link.
    case none
    /// This address with its prefix length, inside 10.0.0.0/8, e.g. "10.1.0.5/24".
    case address(String)

    /// `"10.1.0.5/24"` stands for `.address("10.1.0.5/24")`.
    init(stringLiteral value: String) {
        self = .address(value)
    }

    /// The options `lab.sh create-host` and `lab.sh connect` take for this assignment.
    var scriptOptions: [String] {
        switch self {
        case .automatic: return []
        case .none: return ["--no-ipv4"]
        case .address(let cidr): return ["--ipv4", cidr]
        }
    }
}

/// Which received packets a loss rule (`Lab.setLoss`) drops.
enum PacketLossScope: Sendable, Equatable {
    /// UDP multicast only (discovery beacons); sessions are untouched.
    case multicastUDP
    /// Every packet arriving on the lab links (not loopback).
    case all

    /// The option `lab.sh loss` takes for this scope.
    var scriptOption: String {
        switch self {
        case .multicastUDP: return "--multicast"
        case .all: return "--all"
        }
    }
}
