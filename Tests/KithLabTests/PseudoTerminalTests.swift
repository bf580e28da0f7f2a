import Foundation
import Glibc
import Testing

/// Whether the shell programs these tests run are there.
private let shellIsPresent =
    FileManager.default.isExecutableFile(atPath: "/bin/sh")
    && LabEnvironment.executable(named: "stty") != nil

/// The pseudo-terminal driver against small shell programs (no namespace, no root needed).
@Suite(
    "Pseudo-terminal driver",
    .enabled(if: shellIsPresent, "needs /bin/sh and stty")
)
struct PseudoTerminalTests {

    private static let environment: [String: String] = [
        "PATH": "/usr/local/bin:/usr/bin:/bin", "TERM": "xterm", "LC_ALL": "C",
    ]

    private func shell(_ script: String, size: TerminalWindowSize = .standard) throws
        -> TerminalProcess
    {
        try TerminalProcess.start(
            executable: "/bin/sh", arguments: ["-c", script], environment: Self.environment,
            size: size)
    }

    @Test("a program reads a typed line; with echo off only its own output shows")
    func typedLineWithoutEcho() async throws {
        let program = try shell("stty -echo; echo ready; read x; echo got:$x")
        defer { program.close() }
        try await program.waitForScreen(timeout: .seconds(20), "ready") {
            $0.lines.contains("ready")
        }
        try program.type("hello" + TerminalProcess.Key.enter)
        #expect(try await program.wait(timeout: .seconds(20)) == .exited(0))
        let screen = program.screen()
        #expect(screen.lines.filter { !$0.isEmpty } == ["ready", "got:hello"])
        #expect(screen.cursorRow == 2)
        #expect(screen.cursorColumn == 0)
        // Waiting drained the terminal with a marker, which left no trace.
        #expect(program.terminal.outputText == "ready\r\ngot:hello\r\n")
    }

    @Test("in cooked mode typed text is echoed, and Ctrl-D ends cat's input")
    func cookedModeEchoes() async throws {
        let program = try shell("exec cat")
        defer { program.close() }
        // The terminal echoes and keeps typed input until cat reads it.
        try program.type("abc" + TerminalProcess.Key.enter)
        try await program.waitForScreen(timeout: .seconds(20), "the echo and cat's copy") {
            $0.lines.prefix(2) == ["abc", "abc"]
        }
        try program.type(TerminalProcess.Key.controlD)
        #expect(try await program.wait(timeout: .seconds(20)) == .exited(0))
        #expect(try program.modes().isCooked)
    }

    @Test("the program has the terminal as its controlling terminal, at the size set")
    func controllingTerminalAndSize() async throws {
        let program = try shell(
            "tty; stty size; echo via-dev-tty > /dev/tty; echo tpgid=$(cut -d' ' -f8 /proc/$$/stat)",
            size: TerminalWindowSize(columns: 100, rows: 30))
        defer { program.close() }
        #expect(try await program.wait(timeout: .seconds(20)) == .exited(0))
        let lines = program.screen().lines.filter { !$0.isEmpty }
        #expect(
            lines == [
                program.terminal.devicePath, "30 100", "via-dev-tty", "tpgid=\(program.pid)",
            ])
    }

    @Test("a resize changes the size the program sees and sends it SIGWINCH")
    func resizeSendsWindowChange() async throws {
        let program = try shell(
            "trap 'stty size; exit 0' WINCH; echo ready; while :; do sleep 0.05; done",
            size: TerminalWindowSize(columns: 100, rows: 30))
        defer { program.close() }
        try await program.waitForScreen(timeout: .seconds(20), "ready") {
            $0.lines.contains("ready")
        }
        try program.resize(to: TerminalWindowSize(columns: 60, rows: 20))
        #expect(program.terminal.size == TerminalWindowSize(columns: 60, rows: 20))
        #expect(try await program.wait(timeout: .seconds(20)) == .exited(0))
        let screen = program.screen()
        #expect(screen.lines.contains("20 60"))
        #expect(screen.columns == 60)
        #expect(screen.rows == 20)
    }

    @Test("the terminal's modes show raw mode while a program has it, and the restore after")
    func modesFollowTheProgram() async throws {
        let program = try shell(
            "stty -icanon -echo; echo raw; read x; stty icanon echo; echo restored")
        defer { program.close() }
        let fresh = try PseudoTerminal()
        defer { fresh.close() }
        #expect(try fresh.modes().isCooked, "a new terminal starts cooked")
        try await program.waitForScreen(timeout: .seconds(20), "raw") { $0.lines.contains("raw") }
        let raw = try program.modes()
        #expect(!raw.isCanonical)
        #expect(!raw.echoes)
        try program.type("go" + TerminalProcess.Key.enter)
        #expect(try await program.wait(timeout: .seconds(20)) == .exited(0))
        #expect(program.screen().lines.contains("restored"))
        // The pair outlives the program: its settings are still readable.
        #expect(try program.modes().isCooked)
    }

    @Test("output larger than the terminal's buffer is read while the program writes")
    func largeOutputIsDrained() async throws {
        let program = try shell("i=0; while [ $i -lt 3000 ]; do echo line$i; i=$((i+1)); done")
        defer { program.close() }
        #expect(try await program.wait(timeout: .seconds(60)) == .exited(0))
        let screen = try await program.waitForScreen(timeout: .seconds(20), "the last line") {
            $0.allLines.contains("line2999")
        }
        #expect(screen.allLines.filter { $0.hasPrefix("line") }.count == 3000)
    }
}
