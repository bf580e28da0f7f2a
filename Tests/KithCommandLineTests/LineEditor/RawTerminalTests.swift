import KithCommandLine
import KithSystem
import Testing

#if canImport(Glibc)
    @preconcurrency import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A pseudo-terminal pair for tests; both ends close on `close()`.
private struct PseudoTerminal {
    let main: Int32
    let secondary: Int32

    /// Opens a new pair, or records an issue and returns nil. Glibc's Swift module hides the
    /// `posix_openpt` family (they need `_XOPEN_SOURCE`), so they are looked up with `dlsym`.
    static func open() -> PseudoTerminal? {
        typealias OpenFunction = @convention(c) (Int32) -> Int32
        typealias DescriptorFunction = @convention(c) (Int32) -> Int32
        typealias NameFunction = @convention(c) (Int32, UnsafeMutablePointer<CChar>?, Int) -> Int32
        let process = dlopen(nil, RTLD_NOW)
        guard let openSymbol = dlsym(process, "posix_openpt"),
            let grantSymbol = dlsym(process, "grantpt"),
            let unlockSymbol = dlsym(process, "unlockpt"),
            let nameSymbol = dlsym(process, "ptsname_r")
        else {
            Issue.record("the posix_openpt functions are missing")
            return nil
        }
        let openMain = unsafeBitCast(openSymbol, to: OpenFunction.self)
        let grant = unsafeBitCast(grantSymbol, to: DescriptorFunction.self)
        let unlock = unsafeBitCast(unlockSymbol, to: DescriptorFunction.self)
        let nameOf = unsafeBitCast(nameSymbol, to: NameFunction.self)
        let main = openMain(O_RDWR | O_NOCTTY)
        guard main >= 0 else {
            Issue.record("posix_openpt failed: errno \(errno)")
            return nil
        }
        var name = [CChar](repeating: 0, count: 128)
        guard grant(main) == 0, unlock(main) == 0, nameOf(main, &name, name.count) == 0 else {
            Issue.record("grantpt/unlockpt/ptsname_r failed: errno \(errno)")
            Glibc.close(main)
            return nil
        }
        let path = String(
            decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let secondary = Glibc.open(path, O_RDWR | O_NOCTTY)
        guard secondary >= 0 else {
            Issue.record("opening \(path) failed: errno \(errno)")
            Glibc.close(main)
            return nil
        }
        return PseudoTerminal(main: main, secondary: secondary)
    }

    func close() {
        Glibc.close(secondary)
        Glibc.close(main)
    }

    func attributes() -> termios {
        var result = termios()
        #expect(tcgetattr(secondary, &result) == 0)
        return result
    }
}

/// Serialized: raw mode records process-wide emergency state.
@Suite("RawTerminal", .serialized)
struct RawTerminalTests {
    @Test("raw mode turns off canonical input, echo and signal keys, keeps OPOST, then restores")
    func enterAndRestore() throws {
        guard let pty = PseudoTerminal.open() else { return }
        defer { pty.close() }
        let before = pty.attributes()
        #expect(before.c_lflag & tcflag_t(ICANON | ECHO | ISIG) == tcflag_t(ICANON | ECHO | ISIG))
        let terminal = RawTerminal(descriptor: pty.secondary)
        try terminal.enterRawMode()
        try terminal.enterRawMode()  // idempotent
        #expect(terminal.isRaw)
        let raw = pty.attributes()
        #expect(raw.c_lflag & tcflag_t(ICANON | ECHO | ISIG | IEXTEN) == 0)
        #expect(raw.c_iflag & tcflag_t(ICRNL | IXON) == 0)
        #expect(raw.c_oflag & tcflag_t(OPOST) == tcflag_t(OPOST))
        try terminal.restore()
        try terminal.restore()  // idempotent
        #expect(!terminal.isRaw)
        let after = pty.attributes()
        #expect(after.c_lflag == before.c_lflag)
        #expect(after.c_iflag == before.c_iflag)
        #expect(after.c_oflag == before.c_oflag)
        #expect(after.c_cflag == before.c_cflag)
    }

    @Test("Ctrl-C typed on the terminal in raw mode arrives as a byte")
    func controlCArrivesAsByte() throws {
        guard let pty = PseudoTerminal.open() else { return }
        defer { pty.close() }
        let terminal = RawTerminal(descriptor: pty.secondary)
        try terminal.enterRawMode()
        defer { try? terminal.restore() }
        let input: [UInt8] = [0x03, 0x0D]
        let written = input.withUnsafeBytes { write(pty.main, $0.baseAddress, $0.count) }
        #expect(written == 2)
        var received = [UInt8](repeating: 0, count: 8)
        let count = received.withUnsafeMutableBytes {
            read(pty.secondary, $0.baseAddress, $0.count)
        }
        #expect(Array(received.prefix(max(count, 0))) == [0x03, 0x0D])
    }

    @Test("emergencyRestore puts back the settings of a terminal left in raw mode")
    func emergencyRestore() throws {
        guard let pty = PseudoTerminal.open() else { return }
        defer { pty.close() }
        let before = pty.attributes()
        let terminal = RawTerminal(descriptor: pty.secondary)
        try terminal.enterRawMode()
        RawTerminal.emergencyRestore()
        #expect(pty.attributes().c_lflag == before.c_lflag)
        // After a normal restore the emergency record is disarmed.
        try terminal.restore()
        try terminal.enterRawMode()
        try terminal.restore()
        var changed = pty.attributes()
        changed.c_lflag &= ~tcflag_t(ECHO)
        #expect(tcsetattr(pty.secondary, TCSANOW, &changed) == 0)
        RawTerminal.emergencyRestore()
        #expect(pty.attributes().c_lflag & tcflag_t(ECHO) == 0)
    }

    @Test("bracketed paste is turned on with raw mode, off on restore and emergency restore")
    func bracketedPaste() throws {
        guard let pty = PseudoTerminal.open() else { return }
        defer { pty.close() }
        var descriptors: [Int32] = [0, 0]
        #expect(pipe(&descriptors) == 0)
        defer {
            close(descriptors[0])
            close(descriptors[1])
        }
        func written() -> String {
            var buffer = [UInt8](repeating: 0, count: 256)
            let count = buffer.withUnsafeMutableBytes {
                read(descriptors[0], $0.baseAddress, $0.count)
            }
            return String(decoding: buffer.prefix(max(count, 0)), as: UTF8.self)
        }
        let terminal = RawTerminal(descriptor: pty.secondary, bracketedPasteOutput: descriptors[1])
        try terminal.enterRawMode()
        #expect(written() == "\u{1B}[?2004h")
        try terminal.restore()
        #expect(written() == "\u{1B}[?2004l")
        try terminal.enterRawMode()
        #expect(written() == "\u{1B}[?2004h")
        RawTerminal.emergencyRestore()
        #expect(written() == "\u{1B}[?2004l")
        try terminal.restore()
        #expect(written() == "\u{1B}[?2004l")
    }

    @Test("reapplyRawMode sets raw mode again after something else changed the terminal")
    func reapply() throws {
        guard let pty = PseudoTerminal.open() else { return }
        defer { pty.close() }
        let terminal = RawTerminal(descriptor: pty.secondary)
        try terminal.reapplyRawMode()  // not raw: nothing happens
        #expect(pty.attributes().c_lflag & tcflag_t(ICANON) != 0)
        let before = pty.attributes()
        try terminal.enterRawMode()
        var cooked = before
        #expect(tcsetattr(pty.secondary, TCSANOW, &cooked) == 0)
        try terminal.reapplyRawMode()
        #expect(pty.attributes().c_lflag & tcflag_t(ICANON | ECHO | ISIG) == 0)
        try terminal.restore()
        #expect(pty.attributes().c_lflag == before.c_lflag)
    }

    @Test("windowSize reads the size set on the pseudo-terminal")
    func windowSize() throws {
        guard let pty = PseudoTerminal.open() else { return }
        defer { pty.close() }
        var size = winsize(ws_row: 24, ws_col: 101, ws_xpixel: 0, ws_ypixel: 0)
        let result = withUnsafeMutablePointer(to: &size) { ioctl(pty.main, UInt(TIOCSWINSZ), $0) }
        #expect(result == 0)
        #expect(
            try RawTerminal.windowSize(of: pty.secondary) == TerminalSize(columns: 101, rows: 24))
    }

    @Test("windowSize on something that is not a terminal throws")
    func windowSizeOfPipe() {
        var descriptors: [Int32] = [0, 0]
        #expect(pipe(&descriptors) == 0)
        defer {
            close(descriptors[0])
            close(descriptors[1])
        }
        #expect(throws: SystemCallError.self) { try RawTerminal.windowSize(of: descriptors[0]) }
    }
}
