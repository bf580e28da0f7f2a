/// Why bytes a node sent on its control socket cannot be read as control lines
/// (Protocol/control.md): the connection that carried them is of no further use.
public enum ControlStreamError: Error, Sendable, Equatable, CustomStringConvertible {
    /// More than `limit` bytes came without a line feed.
    case lineTooLong(limit: Int)
    /// A whole line that is not a control response.
    case malformedLine(byteCount: Int)
    /// An answer came when no request was waiting for one.
    case unexpectedAnswer

    /// A sentence for the user.
    public var description: String {
        switch self {
        case .lineTooLong(let limit):
            "the node sent a line longer than \(limit) bytes"
        case .malformedLine(let byteCount):
            "the node sent a line of \(byteCount) bytes that is not a control response"
        case .unexpectedAnswer:
            "the node sent an answer to no request"
        }
    }
}
