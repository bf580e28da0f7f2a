import Foundation
import Glibc

/// A program running on a ``PseudoTerminal`` of its own, as if a person had started it in a
/// terminal window: the test types keys, resizes the window and reads the screen.
///
/// ```swift
/// let shell = try TerminalProcess.start(
///     executable: "/bin/sh", arguments: ["-c", "read x; echo got:$x"], environment: [:])
/// defer { shell.close() }
/// try shell.type("hello" + TerminalProcess.Key.enter)
/// try await shell.waitForScreen(timeout: .seconds(10), "the answer") {
///     $0.lines.contains("got:hello")
/// }
/// ```
final class TerminalProcess: Sendable, CustomStringConvertible {
    /// Bytes a terminal sends for a few keys.
    enum Key {
        /// Enter (Return): CR, as a terminal sends it.
        static let enter = "\r"
        /// Ctrl-D: end of input on an empty line.
        static let controlD = "\u{04}"
        /// Ctrl-C.
        static let controlC = "\u{03}"
        /// Ctrl-U: erase the line.
        static let controlU = "\u{15}"
        /// Backspace (DEL, as most terminals send it).
        static let backspace = "\u{7F}"
    }

    /// The terminal the program runs on.
    let terminal: PseudoTerminal
    /// The program and its arguments, for messages.
    let command: [String]
    /// The file receiving standard error, when it does not go to the terminal.
    let standardErrorPath: String?
    private let child: ChildProcess

    private init(
        terminal: PseudoTerminal, child: ChildProcess, command: [String],
        standardErrorPath: String?
    ) {
        self.terminal = terminal
        self.child = child
        self.command = command
        self.standardErrorPath = standardErrorPath
    }

    /// Opens a terminal of `size` and starts `executable` (an absolute path) on it, in a new
    /// session with the terminal as its controlling terminal. `environment` is the program's
    /// whole environment. Standard error goes to the terminal, or to the file `standardError`.
    /// `command` names the program in messages (default: the executable and its arguments).
    static func start(
        executable: String,
        arguments: [String],
        environment: [String: String],
        size: TerminalWindowSize = .standard,
        standardError: String? = nil,
        command: [String]? = nil
    ) throws(LabError) -> TerminalProcess {
        let terminal = try PseudoTerminal(size: size)
        do throws(LabError) {
            let pid = try PosixProcess.spawnOnTerminal(
                executable: executable, arguments: arguments, environment: environment,
                terminalPath: terminal.devicePath, standardError: standardError)
            return TerminalProcess(
                terminal: terminal, child: ChildProcess(pid: pid),
                command: command ?? [executable] + arguments, standardErrorPath: standardError)
        } catch {
            terminal.close()
            throw error
        }
    }

    /// The process id.
    var pid: pid_t { child.pid }

    var description: String { "\(command.joined(separator: " ")) (pid \(pid) on a terminal)" }

    // MARK: Input

    /// Types `text` (UTF-8), as keys pressed one after another.
    func type(_ text: String) throws(LabError) {
        try terminal.write(text)
    }

    /// Resizes the window; the program gets SIGWINCH.
    func resize(to size: TerminalWindowSize) throws(LabError) {
        try terminal.resize(to: size)
    }

    // MARK: Output

    /// The screen now.
    func screen() -> TerminalScreen {
        terminal.screen()
    }

    /// What was written to the standard error file so far ("" when it goes to the terminal).
    var standardError: String {
        standardErrorPath.map { CommandRunner.readText(URL(fileURLWithPath: $0)) } ?? ""
    }

    /// Polls the screen until `condition` holds and returns that screen; on timeout throws
    /// `LabError.timedOut` showing the screen (and the tail of standard error).
    @discardableResult
    func waitForScreen(
        timeout: Duration,
        _ description: @autoclosure () -> String,
        until condition: (TerminalScreen) -> Bool
    ) async throws -> TerminalScreen {
        do {
            return try await waitFor(description(), timeout: timeout, poll: .milliseconds(20)) {
                let screen = terminal.screen()
                return condition(screen) ? screen : nil
            }
        } catch let timedOut as TimedOut {
            throw LabError.timedOut(
                waitingFor: "\(timedOut.waitingFor) on \(self)\n\(diagnostics())",
                after: timedOut.after)
        }
    }

    /// The screen, the raw output's tail and standard error's tail, for failure messages.
    func diagnostics() -> String {
        let state = termination.map(\.description) ?? "running"
        let tail = String(String(reflecting: terminal.outputText).suffix(600))
        let errors = standardError.split(separator: "\n").suffix(15).joined(separator: "\n    ")
        var text = "\(self), \(state); screen:\n\(screen())\nlast output bytes: \(tail)"
        if !errors.isEmpty { text += "\nstandard error (tail):\n    \(errors)" }
        return text
    }

    /// The terminal's line settings now.
    func modes() throws(LabError) -> TerminalModes {
        try terminal.modes()
    }

    // MARK: Ending

    /// How the program ended, or nil while it runs.
    var termination: LabProcessTermination? { child.termination }

    /// True while the program runs.
    var isRunning: Bool { child.isRunning }

    /// Waits until the program ends and everything it wrote has been read (so ``screen()`` shows
    /// its last output), and tells how it ended; throws `LabError.timedOut` (with the screen).
    @discardableResult
    func wait(timeout: Duration) async throws -> LabProcessTermination {
        let ending: LabProcessTermination
        do {
            ending = try await waitFor("\(self) to end", timeout: timeout, poll: .milliseconds(20))
            { termination }
        } catch let timedOut as TimedOut {
            throw LabError.timedOut(
                waitingFor: "\(timedOut.waitingFor)\n\(diagnostics())", after: timedOut.after)
        }
        try await terminal.drain()
        return ending
    }

    /// Sends `signal` to the program; one that already ended is left alone.
    func send(_ signal: Int32) throws(LabError) {
        try child.send(signal)
    }

    /// Kills the program if it still runs, reaps it and closes the terminal. Blocking; for
    /// cleanup. Safe to call more than once.
    func close() {
        try? child.send(SIGKILL)
        _ = try? child.waitBlocking()
        terminal.close()
    }
}
