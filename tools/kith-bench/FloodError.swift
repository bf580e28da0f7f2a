import KithNode
import KithSystem

/// Why `kith-bench flood` could not start, or why one of its sessions ended.
enum FloodError: Error, CustomStringConvertible {
    /// An option is missing or its value is not one the command takes.
    case usage(String)
    /// A socket call failed.
    case socket(SystemCallError)
    /// The node refused the handshake, or it did not finish in time.
    case handshake(String)
    /// The node closed the connection.
    case closed
    /// A frame could not be made (an entry larger than a frame: not with the sizes `--size` takes).
    case frame(String)

    var description: String {
        switch self {
        case .usage(let text): "\(text); see kith-bench --help"
        case .socket(let error): "\(error)"
        case .handshake(let text): "handshake failed: \(text)"
        case .closed: "the node closed the connection"
        case .frame(let text): "cannot make a frame: \(text)"
        }
    }
}
