import Glibc

/// Thin typed wrappers over the process system calls the lab needs. Each turns `-1`/`errno` (or a
/// returned error number) into `LabError.systemCall` and retries `EINTR`.
enum PosixProcess {
    /// Starts `executable` (an absolute path) with a clean signal state: nothing blocked, every
    /// handler at its default, in a process group of its own. Standard input is /dev/null;
    /// standard output and standard error go to the given files (created or truncated). Other
    /// descriptors without close-on-exec are passed on: `lab.sh exec` closes them.
    ///
    /// Foundation's `Process`, started from a Swift concurrency thread, passes on that thread's
    /// blocked signal mask: the child would then never see SIGTERM. Hence this wrapper.
    /// The corresponding C function is `posix_spawn`.
    static func spawn(
        executable: String,
        arguments: [String],
        environment: [String: String],
        standardOutput: String,
        standardError: String
    ) throws(LabError) -> pid_t {
        try spawn(executable: executable, arguments: arguments, environment: environment) {
            actions throws(LabError) in
            try check(
                "addopen stdin",
                posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0))
            try redirect(&actions, 1, to: standardOutput)
            try redirect(&actions, 2, to: standardError)
        }
    }

    /// `POSIX_SPAWN_SETSID` (a glibc extension Glibc does not import): the child starts a new
    /// session before the file actions run.
    private static let newSessionFlag: Int32 = 0x80

    /// Starts `executable` with a clean signal state (nothing blocked, every handler at its
    /// default) in a process group of its own, or, with `newSession`, in a session of its own;
    /// `fileActions` sets up its standard descriptors. What every spawn of the lab shares.
    /// The corresponding C function is `posix_spawn`.
    static func spawn(
        executable: String,
        arguments: [String],
        environment: [String: String],
        newSession: Bool = false,
        fileActions: (inout posix_spawn_file_actions_t) throws(LabError) -> Void
    ) throws(LabError) -> pid_t {
        var actions = posix_spawn_file_actions_t()
        try check("posix_spawn_file_actions_init", posix_spawn_file_actions_init(&actions))
        defer { posix_spawn_file_actions_destroy(&actions) }
        try fileActions(&actions)

        var attributes = posix_spawnattr_t()
        try check("posix_spawnattr_init", posix_spawnattr_init(&attributes))
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        try check("setsigmask", posix_spawnattr_setsigmask(&attributes, &noSignals))
        try check("setsigdefault", posix_spawnattr_setsigdefault(&attributes, &allSignals))
        var flags = POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF
        if newSession {
            // A new session is also a new process group: POSIX_SPAWN_SETPGROUP would fail.
            flags |= newSessionFlag
        } else {
            try check("setpgroup", posix_spawnattr_setpgroup(&attributes, 0))
            flags |= POSIX_SPAWN_SETPGROUP
        }
        try check("setflags", posix_spawnattr_setflags(&attributes, Int16(flags)))

        let argv = CStringArray([executable] + arguments)
        let envp = CStringArray(environment.map { "\($0.key)=\($0.value)" })
        defer {
            argv.free()
            envp.free()
        }
        var pid: pid_t = 0
        while true {
            let result = posix_spawn(
                &pid, executable, &actions, &attributes, argv.pointers, envp.pointers)
            if result == EINTR { continue }
            try check("posix_spawn \(executable)", result)
            return pid
        }
    }

    /// Adds a file action opening `path` (created or truncated) as the child's `descriptor`.
    static func redirect(
        _ actions: inout posix_spawn_file_actions_t, _ descriptor: Int32, to path: String
    ) throws(LabError) {
        let writeFlags = O_WRONLY | O_CREAT | O_TRUNC
        try check(
            "addopen fd \(descriptor)",
            posix_spawn_file_actions_addopen(&actions, descriptor, path, writeFlags, 0o644))
    }

    /// How `pid` ended, or nil while it runs; reaps it once it has ended. With `block` it waits.
    /// The corresponding C function is `waitpid`.
    static func reap(_ pid: pid_t, block: Bool) throws(LabError) -> LabProcessTermination? {
        var status: Int32 = 0
        while true {
            let result = waitpid(pid, &status, block ? 0 : WNOHANG)
            if result == 0 { return nil }
            if result == pid { return termination(fromWaitStatus: status) }
            let code = errno
            if code == EINTR { continue }
            throw .systemCall(name: "waitpid", errno: code)
        }
    }

    /// Sends `signal` to `pid`; false when no such process exists any more.
    /// The corresponding C function is `kill`.
    static func send(_ signal: Int32, to pid: pid_t) throws(LabError) -> Bool {
        if kill(pid, signal) == 0 { return true }
        let code = errno
        if code == ESRCH { return false }
        throw .systemCall(name: "kill", errno: code)
    }

    /// Decodes a `waitpid` status (the WIFEXITED / WTERMSIG macros, which Swift does not import).
    static func termination(fromWaitStatus status: Int32) -> LabProcessTermination? {
        let signal = status & 0x7f
        if signal == 0 { return .exited((status >> 8) & 0xff) }
        if signal == 0x7f { return nil }  // stopped, not ended
        return .signaled(signal)
    }

    static func check(_ name: String, _ result: Int32) throws(LabError) {
        if result != 0 { throw .systemCall(name: name, errno: result) }
    }
}

/// A NULL-terminated array of C strings, for `argv` and `envp`.
private struct CStringArray {
    let pointers: [UnsafeMutablePointer<CChar>?]

    init(_ strings: [String]) {
        pointers = strings.map { strdup($0) } + [nil]
    }

    func free() {
        for pointer in pointers { Glibc.free(pointer) }
    }
}
