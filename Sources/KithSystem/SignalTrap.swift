import Dispatch
import Synchronization

#if canImport(Glibc)
    @preconcurrency import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Turns Unix signals into calls of a handler on a serial Dispatch queue, instead of their
/// default action, so a program can stop cleanly.
///
/// A second *stopping* signal (see `isStop`) while the first is being handled ends the process at
/// once with status 130, after `beforeForcedExit`, for a clean stop that hangs. Signals that do
/// not stop (a window resize, a continue after a stop) reach the handler every time.
///
/// The trap lasts until ``cancel()`` or until it is released; the signals stay ignored afterwards.
/// The corresponding C function is `signal`, with `SIG_IGN`, under a Dispatch signal source.
///
/// `@unchecked Sendable`: the only state is an immutable array of Dispatch sources, and cancelling
/// a Dispatch source is safe from any thread.
public final class SignalTrap: @unchecked Sendable {
    private let sources: [any DispatchSourceSignal]

    /// Traps `signals` and calls `handler` with each one received.
    ///
    /// - Parameters:
    ///   - signals: the signal numbers to trap (default `SIGINT` and `SIGTERM`).
    ///   - label: the name of the queue the handler runs on, for debuggers.
    ///   - isStop: which of `signals` ask the program to stop (default: all).
    ///   - beforeForcedExit: runs before a second stopping signal ends the process (restoring the
    ///     terminal, for example); it must be safe to run while the first stop is under way.
    ///   - handler: what to do with each signal, on the trap's serial queue.
    public init(
        signals: [Int32] = [SIGINT, SIGTERM],
        label: String = "kith.signals",
        isStop: @escaping @Sendable (Int32) -> Bool = { _ in true },
        beforeForcedExit: @escaping @Sendable () -> Void = {},
        handler: @escaping @Sendable (Int32) -> Void
    ) {
        let queue = DispatchQueue(label: label)
        let stops = StopCount()
        sources = signals.map { number in
            _ = signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler {
                if isStop(number), stops.increment() > 1 {
                    beforeForcedExit()
                    exit(130)
                }
                handler(number)
            }
            source.resume()
            return source
        }
    }

    deinit {
        cancel()
    }

    /// Stops trapping (the signals stay ignored: the process is about to end).
    public func cancel() {
        for source in sources { source.cancel() }
    }

    /// Ignores `SIGPIPE` for the rest of the process, so a reader that went away cannot kill a
    /// program halfway through a write: the write fails with `EPIPE` instead. The corresponding C
    /// function is `signal`.
    public static func ignoreBrokenPipe() {
        _ = signal(SIGPIPE, SIG_IGN)
    }
}

/// How many stopping signals arrived, shared by the trap's handlers.
private final class StopCount: Sendable {
    private let count = Atomic<Int>(0)

    /// Counts one more and returns the new count.
    func increment() -> Int {
        count.add(1, ordering: .relaxed).newValue
    }
}
