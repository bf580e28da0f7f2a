import KithSystem

/// Why a block list could not be read, parsed or written (Protocol/blocklist.md).
public enum BlockListError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Line `line` (from 1) is neither an author, a blank line nor a comment line.
    case malformedLine(line: Int, reason: String)
    /// The file is not UTF-8 text.
    case notUTF8
    /// The list would hold `count` authors, more than ``BlockList/maximumCount``.
    case tooManyAuthors(Int)
    /// The file is larger than ``BlockListCodec/maximumByteCount``.
    case tooLarge(byteCount: UInt64)
    /// A system call on `path` failed while doing `operation`.
    case system(operation: String, path: String, Errno)
    /// Any of the errors above, found in the file at `path`.
    indirect case inFile(path: String, BlockListError)

    /// What went wrong, naming the line or file, and what to do.
    public var description: String {
        switch self {
        case .malformedLine(let line, let reason):
            "line \(line): \(reason); expected 64 lowercase hex digits, optionally followed by a "
                + "space and a comment (blank lines and lines starting with '#' are ignored)"
        case .notUTF8:
            "the file is not UTF-8 text"
        case .tooManyAuthors(let count):
            "\(count) authors is more than the \(BlockList.maximumCount) a block list may hold"
        case .tooLarge(let byteCount):
            "the file is \(byteCount) bytes, more than the \(BlockListCodec.maximumByteCount) "
                + "a block list may have"
        case .system(let operation, let path, let errno):
            "cannot \(operation) '\(path)': \(errno.explanation)"
        case .inFile(let path, .system(let operation, let systemPath, let errno)):
            BlockListError.system(operation: operation, path: systemPath, errno).description
                + (systemPath == path ? "" : " (block list '\(path)')")
        case .inFile(let path, let error):
            "block list '\(path)', \(error); fix or remove the file (blocked authors stay "
                + "blocked until it is fixed)"
        }
    }
}
