import Glibc

extension PosixProcess {
    /// `POSIX_SPAWN_SETSID` (a glibc extension Glibc does not import): the child starts a new
    /// session before the file actions run.
    private static let newSessionFlag: Int32 = 0x80

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
        var actions = posix_spawn_file_actions_t()
        try checkSpawn("posix_spawn_file_actions_init", posix_spawn_file_actions_init(&actions))
        defer { posix_spawn_file_actions_destroy(&actions) }
        try checkSpawn(
            "addopen terminal",
            posix_spawn_file_actions_addopen(&actions, 0, terminalPath, O_RDWR, 0))
        try checkSpawn("adddup2 stdout", posix_spawn_file_actions_adddup2(&actions, 0, 1))
        if let standardError {
            let writeFlags = O_WRONLY | O_CREAT | O_TRUNC
            try checkSpawn(
                "addopen stderr",
                posix_spawn_file_actions_addopen(&actions, 2, standardError, writeFlags, 0o644))
        } else {
            try checkSpawn("adddup2 stderr", posix_spawn_file_actions_adddup2(&actions, 0, 2))
        }

        var attributes = posix_spawnattr_t()
        try checkSpawn("posix_spawnattr_init", posix_spawnattr_init(&attributes))
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        try checkSpawn("setsigmask", posix_spawnattr_setsigmask(&attributes, &noSignals))
        try checkSpawn("setsigdefault", posix_spawnattr_setsigdefault(&attributes, &allSignals))
        // A new session is also a new process group: POSIX_SPAWN_SETPGROUP would fail (EPERM).
        let flags = POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | newSessionFlag
        try checkSpawn("setflags", posix_spawnattr_setflags(&attributes, Int16(flags)))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv + envp { free(pointer) }
        }
        var pid: pid_t = 0
        while true {
            let result = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
            if result == EINTR { continue }
            try checkSpawn("posix_spawn \(executable)", result)
            return pid
        }
    }

    private static func checkSpawn(_ name: String, _ result: Int32) throws(LabError) {
        if result != 0 { throw .systemCall(name: name, errno: result) }
    }
}
