import Glibc

extension PosixProcess {
    /// Like ``PosixProcess/spawn(executable:arguments:environment:standardOutput:standardError:)``
    /// (clean signal state, own process group, output to files), but the child's standard input
    /// is a Unix stream socket whose other end is returned, for writing lines to the child.
    ///
    /// Both ends are created close-on-exec, so no other child started meanwhile inherits them and
    /// the child sees end of file as soon as the returned input is closed.
    /// The corresponding C functions are `socketpair` and `posix_spawn`.
    static func spawnWithInput(
        executable: String,
        arguments: [String],
        environment: [String: String],
        standardOutput: String,
        standardError: String
    ) throws(LabError) -> (pid: pid_t, input: ProcessInput) {
        var ends: [Int32] = [-1, -1]
        let type = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        guard socketpair(AF_UNIX, type, 0, &ends) == 0 else {
            throw .systemCall(name: "socketpair", errno: errno)
        }
        let input = ProcessInput(descriptor: ends[0])
        let childEnd = ends[1]
        defer { _ = close(childEnd) }
        // The child reads only: shutting the parent's reading side makes stray writes fail.
        _ = shutdown(ends[0], Int32(SHUT_RD))

        var actions = posix_spawn_file_actions_t()
        try checkResult("posix_spawn_file_actions_init", posix_spawn_file_actions_init(&actions))
        defer { posix_spawn_file_actions_destroy(&actions) }
        try checkResult("adddup2 stdin", posix_spawn_file_actions_adddup2(&actions, childEnd, 0))
        let writeFlags = O_WRONLY | O_CREAT | O_TRUNC
        try checkResult(
            "addopen stdout",
            posix_spawn_file_actions_addopen(&actions, 1, standardOutput, writeFlags, 0o644))
        try checkResult(
            "addopen stderr",
            posix_spawn_file_actions_addopen(&actions, 2, standardError, writeFlags, 0o644))

        var attributes = posix_spawnattr_t()
        try checkResult("posix_spawnattr_init", posix_spawnattr_init(&attributes))
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        try checkResult("setsigmask", posix_spawnattr_setsigmask(&attributes, &noSignals))
        try checkResult("setsigdefault", posix_spawnattr_setsigdefault(&attributes, &allSignals))
        try checkResult("setpgroup", posix_spawnattr_setpgroup(&attributes, 0))
        let flags = POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP
        try checkResult("setflags", posix_spawnattr_setflags(&attributes, Int16(flags)))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv + envp { free(pointer) }
        }
        var pid: pid_t = 0
        while true {
            let result = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
            if result == EINTR { continue }
            try checkResult("posix_spawn \(executable)", result)
            return (pid, input)
        }
    }

    private static func checkResult(_ name: String, _ result: Int32) throws(LabError) {
        if result != 0 { throw .systemCall(name: name, errno: result) }
    }
}
