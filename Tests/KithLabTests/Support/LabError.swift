import Glibc

/// What can go wrong while building, using or tearing down a network lab.
enum LabError: Error, CustomStringConvertible {
    /// This machine cannot run the lab (not root, no iproute2, ...).
    case unavailable(reason: String)
    /// A program could not be started at all.
    case launchFailed(command: [String], reason: String)
    /// The task running a command was cancelled; the command was killed.
    case cancelled(command: [String])
    /// A command ran and exited with a non-zero status (or was killed by a signal).
    case commandFailed(
        command: [String], status: Int32, standardOutput: String, standardError: String)
    /// A name is not usable for a host or bridge (`[a-z][a-z0-9]{0,11}`).
    case invalidName(String)
    /// The lab was used after `destroy()`.
    case alreadyDestroyed(prefix: String)
    /// A condition did not become true before its deadline.
    case timedOut(waitingFor: String, after: Duration)
    /// A file of the lab could not be created or read.
    case fileError(path: String, reason: String)
    /// A system call failed.
    case systemCall(name: String, errno: Int32)
    /// The built `kith` executable was not found.
    case binaryNotFound(name: String, searched: [String])

    var description: String {
        switch self {
        case .unavailable(let reason):
            return "the network lab cannot run here: \(reason)"
        case .launchFailed(let command, let reason):
            return "could not start \(command.joined(separator: " ")): \(reason)"
        case .cancelled(let command):
            return "cancelled while running \(command.joined(separator: " ")); it was killed"
        case .commandFailed(let command, let status, let standardOutput, let standardError):
            var text = "command failed with status \(status): \(command.joined(separator: " "))"
            if !standardError.isEmpty { text += "\nstderr: \(standardError)" }
            if !standardOutput.isEmpty { text += "\nstdout: \(standardOutput)" }
            return text
        case .invalidName(let name):
            return "invalid lab name '\(name)': use a lowercase letter, then up to 11 "
                + "lowercase letters or digits"
        case .alreadyDestroyed(let prefix):
            return "lab \(prefix) was already destroyed"
        case .timedOut(let what, let after):
            return "timed out after \(after) waiting for \(what)"
        case .fileError(let path, let reason):
            return "file error at \(path): \(reason)"
        case .systemCall(let name, let errno):
            return "\(name) failed: \(String(cString: strerror(errno))) (errno \(errno))"
        case .binaryNotFound(let name, let searched):
            let places = searched.joined(separator: ", ")
            return "the \(name) executable is not built yet (looked in: \(places)); "
                + "build it with `swift build --product \(name)` or set KITH_BINARY_DIR to its directory"
        }
    }
}
