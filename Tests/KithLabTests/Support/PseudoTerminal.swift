import Dispatch
import Foundation
import Glibc

/// A pseudo-terminal pair for driving an interactive program in a test: the test keeps the
/// master side (it types there and reads what the program writes), the program gets the device
/// at ``devicePath`` as its terminal (see ``TerminalProcess``).
///
/// A thread reads the master side continuously into a record, so the program never blocks on a
/// full terminal. ``screen()`` replays that record through a ``TerminalScreen``. The test also
/// keeps the device itself open (close-on-exec), so the pair outlives the program: after it
/// exits, its output can still be read and ``modes()`` tells how it left the terminal.
final class PseudoTerminal: Sendable {
    /// What happened on the terminal, in order.
    enum Event: Sendable, Equatable {
        /// Bytes the program wrote.
        case output([UInt8])
        /// The window changed to this size.
        case resized(TerminalWindowSize)
    }

    /// The terminal device the program opens, e.g. `/dev/pts/4`.
    let devicePath: String
    /// The size the window had when the pair was opened.
    let initialSize: TerminalWindowSize

    private let master: Int32
    private let device: Int32
    private let wakeUp: (read: Int32, write: Int32)
    private let state: LockedValue<State>
    private let readerFinished = DispatchSemaphore(value: 0)

    private struct State {
        var events: [Event] = []
        var size: TerminalWindowSize
        var readFailure: LabError?
        var closed = false
    }

    // Linux ioctl numbers Glibc does not import (the asm-generic encoding of x86_64 and arm64).
    /// `TIOCGPTN`: the number of the pseudo-terminal behind a master descriptor.
    private static let getNumberRequest: UInt = 0x8004_5430
    /// `TIOCSPTLCK`: locks or unlocks the device of a master descriptor.
    private static let setLockRequest: UInt = 0x4004_5431

    /// Opens a new pair with its window set to `size` and starts reading it.
    /// The corresponding C functions are `posix_openpt` (`open("/dev/ptmx")`), `unlockpt`,
    /// `ptsname` (the `TIOCSPTLCK` and `TIOCGPTN` ioctls) and `ioctl(TIOCSWINSZ)`.
    init(size: TerminalWindowSize = .standard) throws(LabError) {
        #if !(arch(x86_64) || arch(arm64))
            throw .unavailable(
                reason: "pseudo-terminal ioctl numbers are only known for x86_64/arm64")
        #endif
        let master = try Self.openDescriptor("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC)
        var descriptorsToClose = [master]
        do throws(LabError) {
            var unlocked: Int32 = 0
            try Self.control(master, "ioctl(TIOCSPTLCK)") {
                ioctl(master, Self.setLockRequest, &unlocked)
            }
            var number: UInt32 = 0
            try Self.control(master, "ioctl(TIOCGPTN)") {
                ioctl(master, Self.getNumberRequest, &number)
            }
            devicePath = "/dev/pts/\(number)"
            device = try Self.openDescriptor(devicePath, O_RDWR | O_NOCTTY | O_CLOEXEC)
            descriptorsToClose.append(device)
            var window = size.cValue
            try Self.control(master, "ioctl(TIOCSWINSZ)") {
                ioctl(master, UInt(TIOCSWINSZ), &window)
            }
            var ends: [Int32] = [-1, -1]
            try Self.control(master, "pipe") { pipe(&ends) }
            for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
            descriptorsToClose += ends
            wakeUp = (ends[0], ends[1])
        } catch {
            for descriptor in descriptorsToClose { _ = Glibc.close(descriptor) }
            throw error
        }
        self.master = master
        initialSize = size
        state = LockedValue(State(size: size))
        let (record, finished, wakeUpRead) = (state, readerFinished, wakeUp.read)
        let reader = Thread {
            Self.readContinuously(
                master: master, wakeUp: wakeUpRead, state: record, finished: finished)
        }
        reader.name = "pty reader \(devicePath)"
        reader.start()
    }

    deinit {
        close()
    }

    // MARK: Typing and resizing

    /// Types `bytes`, as keys pressed on the terminal.
    /// The corresponding C function is `write`.
    func write(_ bytes: [UInt8]) throws(LabError) {
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { buffer in
                Glibc.write(master, buffer.baseAddress! + written, buffer.count - written)
            }
            if result >= 0 {
                written += result
                continue
            }
            let code = errno
            if code == EINTR { continue }
            throw .systemCall(name: "write (pty master)", errno: code)
        }
    }

    /// Types `text` as UTF-8.
    func write(_ text: String) throws(LabError) {
        try write(Array(text.utf8))
    }

    /// Changes the window size; the kernel sends SIGWINCH to the terminal's foreground process
    /// group when the size differs.
    /// The corresponding C function is `ioctl` with `TIOCSWINSZ`.
    func resize(to size: TerminalWindowSize) throws(LabError) {
        try state.withLock { state throws(LabError) in
            var window = size.cValue
            try Self.control(master, "ioctl(TIOCSWINSZ)") {
                ioctl(master, UInt(TIOCSWINSZ), &window)
            }
            state.size = size
            state.events.append(.resized(size))
        }
    }

    /// The current window size.
    var size: TerminalWindowSize { state.withLock { $0.size } }

    // MARK: Reading

    /// Everything that happened so far, in order.
    var events: [Event] { state.withLock { $0.events } }

    /// Every byte the program wrote so far.
    var output: [UInt8] {
        events.flatMap { event -> [UInt8] in
            if case .output(let bytes) = event { return bytes }
            return []
        }
    }

    /// The output so far as text (invalid UTF-8 repaired), escape sequences included.
    var outputText: String { String(decoding: output, as: UTF8.self) }

    /// Why reading stopped early, if it did.
    var readFailure: LabError? { state.withLock { $0.readFailure } }

    /// Waits until everything written to the terminal before this call has been read: writes a
    /// marker (an OSC string) through the device, waits until the reader has it, and takes it out
    /// of the record again. Call it after the program ended, before reading its last output.
    func drain(timeout: Duration = .seconds(20)) async throws {
        let marker = Array("\u{1B}]kith-pty-drain-\(UUID().uuidString)\u{07}".utf8)
        var written = 0
        while written < marker.count {
            let result = marker.withUnsafeBytes { buffer in
                Glibc.write(device, buffer.baseAddress! + written, buffer.count - written)
            }
            if result >= 0 {
                written += result
            } else if errno != EINTR {
                throw LabError.systemCall(name: "write (pty device)", errno: errno)
            }
        }
        try await waitUntil(
            "the terminal's output to be read", timeout: timeout, poll: .milliseconds(5)
        ) {
            state.withLock { Self.remove(marker, from: &$0.events) }
        }
    }

    /// Removes the first occurrence of `marker` from the output in `events` (it may span
    /// several events); false when it is not there (yet).
    private static func remove(_ marker: [UInt8], from events: inout [Event]) -> Bool {
        var flat: [UInt8] = []
        for case .output(let bytes) in events { flat += bytes }
        guard !marker.isEmpty, flat.count >= marker.count,
            let start = (0...(flat.count - marker.count)).first(where: {
                flat[$0..<($0 + marker.count)].elementsEqual(marker)
            })
        else { return false }
        let removed = start..<(start + marker.count)
        var position = 0
        var kept: [Event] = []
        for event in events {
            guard case .output(let bytes) = event else {
                kept.append(event)
                continue
            }
            let remaining = bytes.enumerated().filter { !removed.contains(position + $0.offset) }
            position += bytes.count
            if !remaining.isEmpty { kept.append(.output(remaining.map(\.element))) }
        }
        events = kept
        return true
    }

    /// The screen as a terminal of ``initialSize`` shows it after everything so far, resizes
    /// included.
    func screen() -> TerminalScreen {
        var screen = TerminalScreen(columns: initialSize.columns, rows: initialSize.rows)
        for event in events {
            switch event {
            case .output(let bytes): screen.feed(bytes)
            case .resized(let size): screen.resize(columns: size.columns, rows: size.rows)
            }
        }
        return screen
    }

    /// The terminal's line settings now (the program's, since the pair shares them).
    /// The corresponding C function is `tcgetattr`.
    func modes() throws(LabError) -> TerminalModes {
        var attributes = termios()
        try Self.control(device, "tcgetattr") { tcgetattr(device, &attributes) }
        return TerminalModes(attributes)
    }

    // MARK: Closing

    /// Stops the reader and closes both sides. Safe to call more than once. A program still
    /// using the terminal sees it hang up.
    func close() {
        let wasClosed = state.withLock { state -> Bool in
            defer { state.closed = true }
            return state.closed
        }
        if wasClosed { return }
        var byte: UInt8 = 1
        _ = Glibc.write(wakeUp.write, &byte, 1)
        readerFinished.wait()
        for descriptor in [master, device, wakeUp.read, wakeUp.write] {
            _ = Glibc.close(descriptor)
        }
    }

    // MARK: Private

    /// The reader thread's loop. It holds no reference to the terminal, so an unclosed terminal
    /// is still deinitialised (and then closed).
    private static func readContinuously(
        master: Int32, wakeUp: Int32, state: LockedValue<State>, finished: DispatchSemaphore
    ) {
        defer { finished.signal() }
        func fail(_ name: String, _ code: Int32) {
            state.withLock { $0.readFailure = .systemCall(name: name, errno: code) }
        }
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            var descriptors = [
                pollfd(fd: master, events: Int16(POLLIN), revents: 0),
                pollfd(fd: wakeUp, events: Int16(POLLIN), revents: 0),
            ]
            if poll(&descriptors, 2, -1) < 0 {
                if errno == EINTR { continue }
                return fail("poll (pty reader)", errno)
            }
            if descriptors[1].revents != 0 { return }
            guard descriptors[0].revents != 0 else { continue }
            let count = buffer.withUnsafeMutableBytes { Glibc.read(master, $0.baseAddress, 4096) }
            if count > 0 {
                let bytes = Array(buffer.prefix(count))
                state.withLock { $0.events.append(.output(bytes)) }
            } else if count == 0 {
                return
            } else if errno != EINTR && errno != EAGAIN {
                return fail("read (pty master)", errno)
            }
        }
    }

    private static func openDescriptor(_ path: String, _ flags: Int32) throws(LabError) -> Int32 {
        while true {
            let descriptor = Glibc.open(path, flags)
            if descriptor >= 0 { return descriptor }
            let code = errno
            if code == EINTR { continue }
            throw .systemCall(name: "open \(path)", errno: code)
        }
    }

    /// Runs `call` until it does not fail with `EINTR`; -1 becomes `LabError.systemCall`.
    private static func control(_ descriptor: Int32, _ name: String, _ call: () -> Int32)
        throws(LabError)
    {
        while call() == -1 {
            let code = errno
            if code == EINTR { continue }
            throw .systemCall(name: "\(name) on descriptor \(descriptor)", errno: code)
        }
    }
}
