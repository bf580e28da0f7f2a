import KithSystem
import Synchronization

#if canImport(Glibc)
    @preconcurrency import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The size of a terminal in character cells.
public struct TerminalSize: Equatable, Sendable {
    /// Columns (0 when the terminal does not know).
    public var columns: Int
    /// Rows (0 when the terminal does not know).
    public var rows: Int

    /// A size of `columns` × `rows`.
    public init(columns: Int, rows: Int) {
        self.columns = columns
        self.rows = rows
    }
}

/// A terminal switched to raw input for the line editor: no line buffering, no echo, and no
/// signals from keys (Ctrl-C, Ctrl-Z and Ctrl-\ arrive as bytes), no CR→LF or XON/XOFF
/// translation. Output processing (`OPOST`, so `\n` still works as a line break) is kept.
/// Optionally it also turns on bracketed paste (`ESC[?2004h`), so pasted text arrives between
/// `ESC[200~` and `ESC[201~`, and turns it off again on every restore.
///
/// Callers must call ``restore()`` on every exit path: normal return, errors (`defer`), quit
/// keys, and signals. For the paths a `defer` cannot cover, ``enterRawMode()`` also records the
/// original settings where ``emergencyRestore()`` (async-signal-safe) can find them, and
/// ``installEmergencyRestore(signals:)`` runs it at `exit` and on termination signals.
public final class RawTerminal: Sendable {
    /// The terminal's file descriptor (usually 0, standard input).
    public let descriptor: Int32
    /// Where the bracketed paste switches are written; nil when it is left alone.
    public let bracketedPasteOutput: Int32?
    /// The settings before raw mode; nil while not in raw mode.
    private let originalAttributes = Mutex<termios?>(nil)

    /// The sequence that turns bracketed paste on.
    public static let bracketedPasteOn = "\u{1B}[?2004h"
    /// The sequence that turns bracketed paste off.
    public static let bracketedPasteOff = "\u{1B}[?2004l"

    /// A handle on the terminal at `descriptor`; nothing changes until ``enterRawMode()``.
    /// - Parameter bracketedPasteOutput: the terminal's output descriptor (usually 1) to turn
    ///   bracketed paste on with raw mode and off with every restore; nil to leave it alone.
    public init(descriptor: Int32 = STDIN_FILENO, bracketedPasteOutput: Int32? = nil) {
        self.descriptor = descriptor
        self.bracketedPasteOutput = bracketedPasteOutput
    }

    /// Whether raw mode is on (entered and not yet restored).
    public var isRaw: Bool { originalAttributes.withLock { $0 != nil } }

    /// Switches to raw mode, remembering the current settings. Does nothing when already raw.
    ///
    /// The corresponding C functions are `tcgetattr` and `tcsetattr`.
    public func enterRawMode() throws(SystemCallError) {
        try originalAttributes.withLock { (saved: inout termios?) throws(SystemCallError) in
            guard saved == nil else { return }
            let original = try Self.attributes(of: descriptor)
            let raw = Self.rawAttributes(from: original)
            EmergencyRestoreRecord.arm(
                descriptor: descriptor, attributes: original,
                pasteOutput: bracketedPasteOutput ?? -1)
            do throws(SystemCallError) {
                try Self.setAttributes(raw, of: descriptor)
            } catch {
                EmergencyRestoreRecord.disarm()
                throw error
            }
            saved = original
            if let output = bracketedPasteOutput {
                Self.writeBestEffort(Self.bracketedPasteOn, to: output)
            }
        }
    }

    /// Sets raw mode again (and bracketed paste) when it is on, for after something else
    /// changed the terminal: a shell that got it back while this process was stopped by a
    /// signal. Does nothing when not raw.
    ///
    /// The corresponding C function is `tcsetattr`.
    public func reapplyRawMode() throws(SystemCallError) {
        try originalAttributes.withLock { (saved: inout termios?) throws(SystemCallError) in
            guard let original = saved else { return }
            try Self.setAttributes(Self.rawAttributes(from: original), of: descriptor)
            if let output = bracketedPasteOutput {
                Self.writeBestEffort(Self.bracketedPasteOn, to: output)
            }
        }
    }

    /// `original` switched to raw input, output processing kept.
    private static func rawAttributes(from original: termios) -> termios {
        var raw = original
        raw.c_iflag &= ~tcflag_t(BRKINT | ICRNL | INPCK | ISTRIP | IXON)
        raw.c_cflag |= tcflag_t(CS8)
        raw.c_lflag &= ~tcflag_t(ECHO | ICANON | IEXTEN | ISIG)
        withUnsafeMutableBytes(of: &raw.c_cc) { controlCharacters in
            controlCharacters[Int(VMIN)] = 1
            controlCharacters[Int(VTIME)] = 0
        }
        return raw
    }

    /// Puts back the settings from before ``enterRawMode()``. Does nothing when not raw, so it
    /// is safe to call more than once.
    ///
    /// The corresponding C function is `tcsetattr`.
    public func restore() throws(SystemCallError) {
        try originalAttributes.withLock { (saved: inout termios?) throws(SystemCallError) in
            guard let original = saved else { return }
            if let output = bracketedPasteOutput {
                Self.writeBestEffort(Self.bracketedPasteOff, to: output)
            }
            try Self.setAttributes(original, of: descriptor)
            saved = nil
            EmergencyRestoreRecord.disarm()
        }
    }

    /// The terminal's size.
    ///
    /// The corresponding C function is `ioctl` with `TIOCGWINSZ`.
    public static func windowSize(of descriptor: Int32 = STDOUT_FILENO) throws(SystemCallError)
        -> TerminalSize
    {
        var size = winsize()
        _ = try systemCall("ioctl(TIOCGWINSZ) (descriptor \(descriptor))") {
            withUnsafeMutablePointer(to: &size) { ioctl(descriptor, UInt(TIOCGWINSZ), $0) }
        }
        return TerminalSize(columns: Int(size.ws_col), rows: Int(size.ws_row))
    }

    /// Restores the settings recorded by the most recent ``enterRawMode()`` that was not
    /// followed by ``restore()`` (and turns bracketed paste off when it turned it on); does
    /// nothing otherwise. Async-signal-safe (one `write`, one `tcsetattr`), for use from
    /// `atexit` and signal handlers.
    public static func emergencyRestore() {
        EmergencyRestoreRecord.restore()
    }

    /// Runs ``emergencyRestore()`` when the process calls `exit`, and on each of `signals`
    /// (then re-raises the signal with its default action so the process still ends). Call it
    /// once, early; later calls only add signal handlers. It replaces existing handlers for
    /// those signals, so leave out any signal the program handles itself.
    ///
    /// The corresponding C functions are `atexit` and `signal`.
    public static func installEmergencyRestore(signals: [Int32] = [SIGTERM, SIGHUP, SIGQUIT]) {
        if EmergencyRestoreRecord.claimExitHook() {
            atexit { RawTerminal.emergencyRestore() }
        }
        for number in signals {
            _ = signal(number) { received in
                RawTerminal.emergencyRestore()
                _ = signal(received, SIG_DFL)
                _ = raise(received)
            }
        }
    }

    /// Writes `text` to `descriptor`, best effort (a terminal switch that fails changes nothing
    /// the chat relies on).
    ///
    /// The corresponding C function is `write`.
    static func writeBestEffort(_ text: String, to descriptor: Int32) {
        var text = text
        text.withUTF8 { bytes in
            try? FileDescriptor(rawValue: descriptor).writeAll(UnsafeRawBufferPointer(bytes))
        }
    }

    /// The corresponding C function is `tcgetattr`.
    static func attributes(of descriptor: Int32) throws(SystemCallError) -> termios {
        var attributes = termios()
        _ = try systemCall("tcgetattr (descriptor \(descriptor))") {
            tcgetattr(descriptor, &attributes)
        }
        return attributes
    }

    /// The corresponding C function is `tcsetattr` (with `TCSADRAIN`: pending output is
    /// written first and typed-ahead input is kept).
    static func setAttributes(_ attributes: termios, of descriptor: Int32) throws(SystemCallError) {
        var attributes = attributes
        _ = try systemCall("tcsetattr (descriptor \(descriptor))") {
            tcsetattr(descriptor, TCSADRAIN, &attributes)
        }
    }
}

/// The process-wide copy of the settings to restore in an emergency. Plain globals because a
/// signal handler may read them; written only by ``RawTerminal`` under its lock.
private enum EmergencyRestoreRecord {
    nonisolated(unsafe) static var descriptor: Int32 = -1
    nonisolated(unsafe) static var attributes = termios()
    /// Where to turn bracketed paste off (-1: it was not turned on).
    nonisolated(unsafe) static var pasteOutput: Int32 = -1
    static let exitHookInstalled = Atomic<Bool>(false)
    /// `ESC[?2004l` as C bytes, for the signal-safe path.
    static let pasteOff: [UInt8] = Array(RawTerminal.bracketedPasteOff.utf8)

    static func arm(descriptor: Int32, attributes: termios, pasteOutput: Int32) {
        self.descriptor = -1
        self.attributes = attributes
        self.pasteOutput = pasteOutput
        // Initialised here, never first in a signal handler.
        _ = pasteOff.count
        self.descriptor = descriptor
    }

    static func disarm() {
        descriptor = -1
    }

    static func restore() {
        let target = descriptor
        guard target >= 0 else { return }
        let output = pasteOutput
        if output >= 0 {
            _ = pasteOff.withUnsafeBytes { write(output, $0.baseAddress, $0.count) }
        }
        var saved = attributes
        _ = tcsetattr(target, TCSADRAIN, &saved)
    }

    /// True exactly once: whether the caller should register the `atexit` hook.
    static func claimExitHook() -> Bool {
        exitHookInstalled.compareExchange(expected: false, desired: true, ordering: .relaxed)
            .exchanged
    }
}
