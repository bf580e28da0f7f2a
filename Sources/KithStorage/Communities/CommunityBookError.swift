import KithSystem

/// Why the list of communities could not be read or changed.
public enum CommunityBookError: Error, CustomStringConvertible, Sendable {
    /// The file could not be read or written.
    case io(String, path: String, Errno)
    /// The file is readable by others: it holds secret keys.
    case unprotected(path: String, mode: UInt32)
    /// A line of the file is not `KEYHEX NAME`.
    case malformedLine(path: String, line: Int)
    /// A community with this name is already in the list.
    case nameTaken(String)
    /// The key is already in the list under another name.
    case alreadyMember(String)
    /// No community has this name.
    case unknown(String)
    /// The name breaks the naming rules.
    case invalidName(String)

    public var description: String {
        switch self {
        case .io(let operation, let path, let error):
            return "\(operation) failed on \(path): \(error)"
        case .unprotected(let path, let mode):
            return "\(path) holds community keys but its permissions are "
                + String(mode & 0o777, radix: 8) + "; run `chmod 600 \(path)`"
        case .malformedLine(let path, let line):
            return "\(path), line \(line): expected a 64-digit hex key, a space and a name"
        case .nameTaken(let name):
            return
                "you are already in a community named '\(name)'; leave it first or pick another name"
        case .alreadyMember(let name):
            return "you are already in this community (as '\(name)')"
        case .unknown(let name):
            return "you are not in a community named '\(name)' (see `kith community list`)"
        case .invalidName(let name):
            return "'\(name)' is not a community name: use 1 to 32 bytes, no control characters"
        }
    }
}
