import KithSystem

/// Why Kith's home directory could not be found or made.
public enum KithHomeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `--home` was given an empty value.
    case emptyOption
    /// None of `--home`, `KITH_HOME`, `XDG_DATA_HOME` and `HOME` gave a directory.
    case noUserHome
    /// Something other than a directory is at the path.
    case notADirectory(String)
    /// Creating the directory (or a parent) failed.
    case cannotCreate(String, SystemCallError)
    /// The directory is writable by other users (its mode, in octal): another user could replace
    /// its files or its control socket.
    case writableByOthers(String, mode: UInt32)

    /// What went wrong and what to do.
    public var description: String {
        switch self {
        case .emptyOption:
            "--home needs a directory"
        case .noUserHome:
            "cannot choose a home directory for Kith: HOME is not set; use --home DIR or set KITH_HOME"
        case .notADirectory(let path):
            "'\(path)' is not a directory; use --home DIR to choose another place for Kith's data"
        case .cannotCreate(let path, let error):
            "cannot create Kith's home directory '\(path)' (\(error)); use --home DIR to choose another place"
        case .writableByOthers(let path, let mode):
            "Kith's home directory '\(path)' is writable by other users (mode "
                + String(mode, radix: 8) + "): another user could replace its files or its control "
                + "socket. Make it yours alone with: chmod 700 '\(path)'"
        }
    }
}
