import Glibc

extension PosixProcess {
    /// Like ``PosixProcess/spawn(executable:arguments:environment:standardOutput:standardError:)``
    /// (clean signal state), but the child runs in a session of its own whose controlling
    /// terminal is `terminalPath`: it is the child's standard input and output, and its standard
    /// error unless `standardError` names a file (created or truncated).
    ///
    /// The child calls `setsid` and then opens the terminal without `O_NOCTTY`, which makes it
    /// the session's controlling terminal (what `TIOCSCTTY` would do) with the child's process
    /// group in the foreground: SIGWINCH reaches it, `/dev/tty` works, and Ctrl-C would send
    /// SIGINT if the program left signal keys on.
    /// The corresponding C functions are `posix_spawn` with `POSIX_SPAWN_SETSID`, then `open`.
    static func spawnOnTerminal(
        executable: String,
        arguments: [String],
        environment: [String: String],
        terminalPath: String,
        standardError: String? = nil
    ) throws(LabError) -> pid_t {
        try spawn(
            executable: executable, arguments: arguments, environment: environment,
            newSession: true
        ) { actions throws(LabError) in
            try check(
                "addopen terminal",
                posix_spawn_file_actions_addopen(&actions, 0, terminalPath, O_RDWR, 0))
            try check("adddup2 stdout", posix_spawn_file_actions_adddup2(&actions, 0, 1))
            if let standardError {
                try redirect(&actions, 2, to: standardError)
            } else {
                try check("adddup2 stderr", posix_spawn_file_actions_adddup2(&actions, 0, 2))
            }
        }
    }
}
