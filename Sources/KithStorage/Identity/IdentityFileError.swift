import KithCore
import KithSystem

/// Why the secret key file could not be used or created. Every message says what to do.
public enum IdentityFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// There is no key file at the path.
    case notFound(path: String)
    /// Group or others may read or write the file (`permissions` is the mode's low 9 bits).
    case unprotected(path: String, permissions: UInt32)
    /// The path names a directory, symbolic link, device or other non-regular file.
    case notARegularFile(path: String, kind: FileKind)
    /// The file belongs to another user.
    case wrongOwner(path: String, ownerID: UInt32, userID: UInt32)
    /// The file is not exactly 40 bytes long.
    case wrongLength(path: String, byteCount: UInt64)
    /// The file does not start with `"KITHKEY1"`.
    case wrongMagic(path: String)
    /// A system call failed.
    case system(operation: String, path: String, Errno)

    /// What kind of non-regular file was found.
    public enum FileKind: String, Sendable, Equatable {
        /// A directory.
        case directory = "a directory"
        /// A symbolic link.
        case symbolicLink = "a symbolic link"
        /// A device, FIFO, socket or anything else.
        case special = "a special file"
    }

    /// What went wrong and what to do.
    public var description: String {
        switch self {
        case .notFound(let path):
            "no identity key file at '\(path)'; run 'kith id' to create one"
        case .unprotected(let path, let permissions):
            "UNPROTECTED PRIVATE KEY FILE: permissions \(Self.octal(permissions)) for '\(path)' are too open. "
                + "The secret key must be readable and writable by its owner only, or other users of this "
                + "machine could act as you. Fix it with: chmod 600 '\(path)'"
        case .notARegularFile(let path, let kind):
            "'\(path)' is \(kind.rawValue), not a key file; Kith only uses a regular file it owns. "
                + "Move it away (or replace a link with the file it points to), or choose another --home"
        case .wrongOwner(let path, let ownerID, let userID):
            "'\(path)' is owned by user \(ownerID), not by you (user \(userID)); a key file must belong to "
                + "the user running Kith. Use your own --home, or fix the owner with chown"
        case .wrongLength(let path, let byteCount):
            "'\(path)' is \(byteCount) bytes long, but a Kith key file is exactly "
                + "\(IdentityKeyFormat.fileByteCount) bytes: it is damaged or not a Kith key. Kith will not "
                + "replace it; restore it from a backup, or move it away to create a new identity"
        case .wrongMagic(let path):
            "'\(path)' does not start with \"KITHKEY1\": it is damaged or not a Kith key. Kith will not "
                + "replace it; restore it from a backup, or move it away to create a new identity"
        case .system(let operation, let path, let errno):
            "cannot \(operation) '\(path)': \(errno.explanation)"
        }
    }

    /// `0644` for `0o644`.
    private static func octal(_ permissions: UInt32) -> String {
        let digits = String(permissions, radix: 8)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
