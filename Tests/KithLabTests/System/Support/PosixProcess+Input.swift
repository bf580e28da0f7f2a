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

        let pid = try spawn(executable: executable, arguments: arguments, environment: environment)
        { actions throws(LabError) in
            try check("adddup2 stdin", posix_spawn_file_actions_adddup2(&actions, childEnd, 0))
            try redirect(&actions, 1, to: standardOutput)
            try redirect(&actions, 2, to: standardError)
        }
        return (pid, input)
    }
}
