/// Why a control request is refused (Protocol/control.md): the `error` of its answer. A line is
/// checked when it is decoded (``ControlRequest/init(line:)``), field by field; the node adds
/// what only it can know (a community it is not in, an entry it could not publish).
public enum ControlRequestError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The line is not a JSON object with a string `op` and fields of the right types.
    case malformed
    /// The `op` is not one the node knows.
    case unknownOp(String)
    /// A field the op needs is missing.
    case missingField(String)
    /// A field's value is not valid: the field, and why.
    case invalidField(String, String)
    /// The community is not one the node is in, or not a 64-hex-digit id.
    case unknownCommunity(String)
    /// `block`, `hide` or `unblock` without an `author`.
    case missingAuthor(op: String)
    /// `block`, `hide` or `unblock` with an `author` that is not 64 hex digits.
    case invalidAuthor(op: String)
    /// `reach` without a `sequence` of 1 or more.
    case missingSequence
    /// The node could not publish the entry.
    case cannotPublish(String)

    /// The sentence the node answers with.
    public var description: String {
        switch self {
        case .malformed: #"malformed request: expected {"op": ...}"#
        case .unknownOp(let op): "unknown op '\(op)'"
        case .missingField(let field): "missing field '\(field)'"
        case .invalidField(let field, let reason): "invalid '\(field)': \(reason)"
        case .unknownCommunity(let text): "not a community of this node: '\(text)'"
        case .missingAuthor(let op): "\(op): author is required"
        case .invalidAuthor(let op): "\(op): author must be a public key of 64 hex digits"
        case .missingSequence: "reach needs a sequence of 1 or more"
        case .cannotPublish(let reason): "cannot publish: \(reason)"
        }
    }
}
