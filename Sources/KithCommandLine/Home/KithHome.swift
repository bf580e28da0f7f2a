import KithSystem

#if canImport(Glibc)
    @preconcurrency import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The directory holding a node's identity, log and settings (Protocol/identity.md).
///
/// Resolution order: the `--home DIR` option, `KITH_HOME`, `$XDG_DATA_HOME/kith`, then
/// `~/.local/share/kith`. Empty values count as unset; a relative `XDG_DATA_HOME` is ignored, as
/// the XDG Base Directory specification requires.
public struct KithHome: Sendable, Equatable {
    /// Where the resolved path came from.
    public enum Source: Sendable, Equatable {
        /// The `--home` option.
        case option
        /// The `KITH_HOME` environment variable.
        case kithHomeVariable
        /// `$XDG_DATA_HOME/kith`.
        case xdgDataHome
        /// `$HOME/.local/share/kith`.
        case defaultLocation
    }

    /// The directory, without a trailing slash. Relative when `--home` or `KITH_HOME` was relative.
    public let path: String
    /// Where the path came from.
    public let source: Source

    /// The shared `--home DIR` option; declare it on each tool's root command.
    public static let option = Option<String>(
        "home",
        valueName: "DIR",
        help:
            "Keep Kith's identity and data in DIR (default: $KITH_HOME, else $XDG_DATA_HOME/kith, "
            + "else ~/.local/share/kith)."
    )

    /// A home at `path` (trailing slashes removed).
    public init(path: String, source: Source) {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        self.path = String(trimmed)
        self.source = source
    }

    /// Picks the home directory from the option value and the environment. Pure.
    public static func resolve(optionValue: String?, environment: [String: String])
        throws(KithHomeError) -> KithHome
    {
        if let optionValue {
            guard !optionValue.isEmpty else { throw .emptyOption }
            return KithHome(path: optionValue, source: .option)
        }
        if let value = environment["KITH_HOME"], !value.isEmpty {
            return KithHome(path: value, source: .kithHomeVariable)
        }
        if let value = environment["XDG_DATA_HOME"], value.hasPrefix("/") {
            return KithHome(
                path: KithHome(path: value, source: .xdgDataHome).path + "/kith",
                source: .xdgDataHome)
        }
        guard let userHome = environment["HOME"], !userHome.isEmpty else { throw .noUserHome }
        let base = KithHome(path: userHome, source: .defaultLocation).path
        return KithHome(
            path: (base == "/" ? "" : base) + "/.local/share/kith", source: .defaultLocation)
    }

    /// Resolves the home and creates it when missing (see ``createIfNeeded()``).
    public static func prepare(optionValue: String?, environment: [String: String])
        throws(KithHomeError) -> KithHome
    {
        let home = try resolve(optionValue: optionValue, environment: environment)
        try home.createIfNeeded()
        return home
    }

    /// The path of `name` inside the home.
    public func file(_ name: String) -> String {
        (path == "/" ? "" : path) + "/" + name
    }

    /// Creates the directory and any missing parents with mode 0700 (owner only). An existing
    /// directory is left as it is; an existing non-directory is an error, and so is a directory
    /// that other users may write to (group or others write permission): Kith never uses it.
    ///
    /// The corresponding C function is `mkdir`.
    public func createIfNeeded() throws(KithHomeError) {
        let isAbsolute = path.hasPrefix("/")
        let components = path.split(separator: "/")
        var prefix = isAbsolute ? "" : "."
        for component in components {
            prefix += "/" + component
            do throws(Errno) {
                try FileSystem.makeDirectory(prefix, permissions: 0o700)
            } catch {
                guard error == .fileExists else {
                    throw .cannotCreate(path, SystemCallError("mkdir '\(prefix)'", code: error))
                }
            }
        }
        let status: stat
        do throws(Errno) {
            status = try FileSystem.status(path)
        } catch {
            throw .cannotCreate(path, SystemCallError("stat '\(path)'", code: error))
        }
        guard status.st_mode & S_IFMT == S_IFDIR else { throw .notADirectory(path) }
        let permissions = UInt32(status.st_mode) & 0o7777
        guard permissions & 0o022 == 0 else { throw .writableByOthers(path, mode: permissions) }
    }
}
