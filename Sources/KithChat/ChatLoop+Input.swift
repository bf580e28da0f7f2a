import KithCommandLine
import KithSystem

#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

/// What the person types: the line editor on a terminal, plain lines otherwise; Ctrl-Z.
extension ChatLoop {
    /// Handles bytes read from the input.
    func typed(_ bytes: [UInt8]) {
        guard var editor else {
            partialLine += bytes
            while let newline = partialLine.firstIndex(of: 0x0a), ending == nil {
                var line = Array(partialLine[..<newline])
                partialLine.removeSubrange(...newline)
                if line.last == 0x0d { line.removeLast() }
                carryOut(session.handle(.typed(String(decoding: line, as: UTF8.self))))
            }
            return
        }
        let before = editor.state
        let completer = session
        let events = editor.feed(bytes) { completer.completions(for: $0) }
        self.editor = editor
        escapeTypedAt = editor.isWaitingAfterEscape ? SystemClock.monotonicMilliseconds() : nil
        if editor.state != before { screen.inputChanged(editor.state) }
        for event in events where ending == nil {
            switch event {
            case .submit(let line):
                carryOut(session.handle(.typed(line)))
            case .interrupt(let lineWasEmpty):
                if lineWasEmpty { ending = .quit }
            case .endOfInput:
                ending = .quit
            case .bell:
                screen.bell()
            case .suspend:
                suspend()
            case .redraw:
                screen.redrawAll()
            case .nextActivity:
                carryOut(session.handle(.typed("/next")))
            case .pasted(let lineCount, let wasCut):
                if wasCut {
                    screen.show(
                        .error(
                            "!! the paste was cut: the input line holds at most "
                                + "\(editor.maximumLineBytes) bytes"))
                }
                guard lineCount > 1 else { continue }
                screen.show(
                    .notice(
                        "-- \(lineCount) lines in the input: Enter posts them as one message, "
                            + "Ctrl-U clears them"))
            }
        }
    }

    /// Ctrl-Z: gives the terminal back as it was and stops this process like any terminal
    /// program (SIGTSTP, default action); when the shell continues it (`fg`), takes raw mode
    /// again and redraws the input line. When nothing can stop it (SIGTSTP ignored, or no shell
    /// with job control to continue it, where the system discards the signal), it carries on
    /// at once.
    private func suspend() {
        guard let terminal else { return }
        screen.suspend()
        do {
            try terminal.restore()
        } catch {
            screen.show(.error("!! cannot suspend: \(error)"))
            return
        }
        JobControl.stopUntilContinued()
        do {
            try terminal.enterRawMode()
        } catch {
            screen.show(.error("!! the terminal could not be set up again: \(error)"))
            ending = ending ?? .quit
            return
        }
        screen.resume()
    }

    /// The process was continued after a stop, maybe one it did not ask for (`kill -STOP`, or
    /// SIGTSTP from another program): the shell may have set the terminal back to its own
    /// mode meanwhile, so raw mode is set again and the input line redrawn.
    func continued() {
        guard let terminal, terminal.isRaw else { return }
        do {
            try terminal.reapplyRawMode()
        } catch {
            screen.show(.error("!! the terminal could not be set up again: \(error)"))
            ending = ending ?? .quit
            return
        }
        screen.resume()
    }

    /// Input ended: runs a last unterminated line. True when the chat should still show what it
    /// posted before ending (plain input); on a terminal it ends at once.
    func endOfInput() -> Bool {
        guard editor == nil else {
            ending = ending ?? .quit
            return false
        }
        if !partialLine.isEmpty {
            let line = String(decoding: partialLine, as: UTF8.self)
            partialLine.removeAll()
            carryOut(session.handle(.typed(line)))
        }
        return ending == nil
    }

    /// Tells the line editor that nothing followed a lone Esc, once its time passed.
    func escapeTimedOutIfDue() {
        guard let typedAt = escapeTypedAt, var editor,
            SystemClock.monotonicMilliseconds() >= typedAt + Self.escapeMilliseconds
        else { return }
        escapeTypedAt = nil
        let before = editor.state
        editor.escapeTimedOut()
        self.editor = editor
        if editor.state != before { screen.inputChanged(editor.state) }
    }

}
