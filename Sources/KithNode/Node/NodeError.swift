import KithStorage
import KithSystem

/// Why a node could not start, could not do what was asked, or stopped on its own.
public enum NodeError: Error, Sendable, CustomStringConvertible {
    /// A socket could not be opened, bound or used.
    case socket(String, SystemCallError)
    /// The log failed (a disk error): the node stops rather than lose entries.
    case store(StoreError)
    /// A post could not be made (a bad channel or text, or a chain the node must not extend).
    case cannotPost(String)
    /// The node is not running (not started, or already stopped).
    case notRunning
    /// The control socket path is in use by a running node.
    case alreadyRunning(String)
    /// The block list file cannot be read or written (Protocol/blocklist.md): a node does not
    /// start with a list it cannot read, rather than unblock someone silently.
    case blockList(BlockListError)

    /// A sentence that says what went wrong.
    public var description: String {
        switch self {
        case .socket(let what, let error): "\(what): \(error)"
        case .store(let error): "log failure: \(error)"
        case .cannotPost(let reason): "cannot post: \(reason)"
        case .notRunning: "the node is not running"
        case .alreadyRunning(let path): "a node is already running here (\(path) answers)"
        case .blockList(let error): "\(error)"
        }
    }
}
