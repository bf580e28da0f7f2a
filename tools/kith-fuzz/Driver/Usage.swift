@preconcurrency import Glibc
import KithFuzzTargets

/// The usage line of kith-fuzz.
enum Usage {
    static let text = """
        usage: kith-fuzz TARGET FILE|DIR...     replay inputs through TARGET (normal build)
               kith-fuzz TARGET [LIBFUZZER-OPTIONS] [CORPUS-DIR...]   fuzz (fuzz build, tools/fuzz)
               kith-fuzz --list                 list the targets
        """

    /// Prints `message` (if any) and the usage to stderr, and exits with status 2.
    static func fail(_ message: String? = nil) -> Never {
        if let message { fputs("kith-fuzz: \(message)\n", stderr) }
        fputs(text + "\n", stderr)
        exit(2)
    }
}
