/// A one-line progress display on standard error ("Verifying  1200/5000  24%"), redrawn in place.
///
/// It draws nothing when disabled, which ``init(label:total:context:)`` does when standard error
/// is not a terminal, so logs and pipes never receive carriage returns. Redraws are limited to one
/// per `minimumRedrawInterval`, and always happen on the first update and on completion.
/// Not thread-safe: update it from one task.
public final class ProgressReporter {
    /// The words before the numbers.
    public let label: String
    /// The amount that means done, when known.
    public let total: UInt64?
    /// Whether anything is drawn.
    public let isEnabled: Bool
    private let output: any TextSink
    private let minimumRedrawInterval: Duration
    private let now: () -> ContinuousClock.Instant
    private var completed: UInt64 = 0
    private var lastDraw: ContinuousClock.Instant?
    private var lastLine: String?

    /// A reporter writing to `output`.
    ///
    /// - Parameter now: The clock reading; tests pass a manual one.
    public init(
        label: String,
        total: UInt64?,
        output: any TextSink,
        isEnabled: Bool,
        minimumRedrawInterval: Duration = .milliseconds(100),
        now: @escaping () -> ContinuousClock.Instant = { ContinuousClock.now }
    ) {
        self.label = label
        self.total = total
        self.output = output
        self.isEnabled = isEnabled
        self.minimumRedrawInterval = minimumRedrawInterval
        self.now = now
    }

    /// A reporter on the context's standard error, enabled only when that is a terminal.
    public convenience init(label: String, total: UInt64?, context: CommandContext) {
        self.init(
            label: label,
            total: total,
            output: context.standardError,
            isEnabled: context.terminal.standardErrorIsTerminal
        )
    }

    /// The text of the line for `completed` units (pure).
    public static func line(label: String, completed: UInt64, total: UInt64?) -> String {
        guard let total, total > 0 else { return "\(label)  \(completed)" }
        let percent = min(100, Int(Double(completed) / Double(total) * 100))
        return "\(label)  \(completed)/\(total)  \(percent)%"
    }

    /// Sets the amount done so far.
    public func update(completed: UInt64) {
        self.completed = completed
        drawIfDue()
    }

    /// Adds `amount` to the amount done.
    public func advance(by amount: UInt64 = 1) {
        update(completed: completed &+ amount)
    }

    /// Erases the line, leaving the cursor at the start of an empty line.
    public func finish() {
        guard isEnabled, lastLine != nil else { return }
        output.write("\r\u{1B}[K")
        lastLine = nil
        lastDraw = nil
    }

    private func drawIfDue() {
        guard isEnabled else { return }
        let instant = now()
        let isDone = total.map { completed >= $0 } ?? false
        if let lastDraw, !isDone, lastDraw.duration(to: instant) < minimumRedrawInterval { return }
        let line = Self.line(label: label, completed: completed, total: total)
        guard line != lastLine else { return }
        output.write("\r" + line + "\u{1B}[K")
        lastLine = line
        lastDraw = instant
    }
}
