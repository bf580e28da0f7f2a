import KithCommandLine
import Testing

@Suite("Terminal")
struct TerminalTests {
    @Test("colour needs a terminal and no NO_COLOR (non-empty) or TERM=dumb")
    func colorRules() {
        let plain = Terminal(
            standardOutputIsTerminal: true, standardErrorIsTerminal: false, environment: [:])
        #expect(plain.colorsOnStandardOutput)
        #expect(!plain.colorsOnStandardError)
        let noColor = Terminal(
            standardOutputIsTerminal: true, standardErrorIsTerminal: true,
            environment: ["NO_COLOR": "1"])
        #expect(!noColor.colorsOnStandardOutput && !noColor.colorsOnStandardError)
        let emptyNoColor = Terminal(
            standardOutputIsTerminal: true, standardErrorIsTerminal: true,
            environment: ["NO_COLOR": ""])
        #expect(emptyNoColor.colorsOnStandardOutput)
        let dumb = Terminal(
            standardOutputIsTerminal: true, standardErrorIsTerminal: true,
            environment: ["TERM": "dumb"])
        #expect(!dumb.colorsOnStandardOutput)
    }

    @Test("styling wraps text in SGR codes only when enabled")
    func styling() {
        #expect(Terminal.styled("x", .red, enabled: true) == "\u{1B}[31mx\u{1B}[0m")
        #expect(Terminal.styled("x", .red, enabled: false) == "x")
        let pipe = Terminal(
            standardOutputIsTerminal: false, standardErrorIsTerminal: true, environment: [:])
        #expect(pipe.styledForOutput("x", .bold) == "x")
        #expect(pipe.styledForError("x", .bold) == "\u{1B}[1mx\u{1B}[0m")
    }
}

@Suite("ProgressReporter")
struct ProgressReporterTests {
    /// A clock the test moves by hand.
    final class ManualClock: @unchecked Sendable {
        var instant = ContinuousClock.now
        func advance(_ duration: Duration) { instant = instant.advanced(by: duration) }
    }

    @Test("the line shows count, total and percent")
    func lineText() {
        #expect(
            ProgressReporter.line(label: "Verifying", completed: 1200, total: 5000)
                == "Verifying  1200/5000  24%")
        #expect(ProgressReporter.line(label: "Reading", completed: 7, total: nil) == "Reading  7")
        #expect(ProgressReporter.line(label: "Done", completed: 9, total: 4) == "Done  9/4  100%")
    }

    @Test("disabled (stderr not a terminal): nothing is written")
    func disabled() {
        let output = CapturedText()
        let reporter = ProgressReporter(label: "Work", total: 10, output: output, isEnabled: false)
        for _ in 0..<10 { reporter.advance() }
        reporter.finish()
        #expect(output.text.isEmpty)
    }

    @Test(
        "enabled: redraws in place at most once per interval, always at completion, and erases on finish"
    )
    func throttled() {
        let output = CapturedText()
        let clock = ManualClock()
        let reporter = ProgressReporter(
            label: "Work",
            total: 10,
            output: output,
            isEnabled: true,
            minimumRedrawInterval: .seconds(1),
            now: { clock.instant }
        )
        reporter.advance()  // first update: drawn
        reporter.advance()  // same interval: skipped
        clock.advance(.seconds(2))
        reporter.advance()  // interval passed: drawn
        reporter.update(completed: 10)  // completion: drawn despite the interval
        #expect(
            output.text
                == "\rWork  1/10  10%\u{1B}[K\rWork  3/10  30%\u{1B}[K\rWork  10/10  100%\u{1B}[K"
        )
        reporter.finish()
        #expect(output.text.hasSuffix("100%\u{1B}[K\r\u{1B}[K"))
        #expect(!output.text.contains("\n"))
    }
}
