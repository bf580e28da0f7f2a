import Dispatch

#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

/// Turns SIGINT and SIGTERM into calls of a handler on a Dispatch queue, instead of killing the
/// process, so a running node can stop cleanly. A second signal while the first is handled ends
/// the process at once (status 130), for when a clean stop hangs.
final class SignalTrap {
    private let sources: [any DispatchSourceSignal]

    /// Traps `signals` and calls `handler` with the first one received.
    init(signals: [Int32] = [SIGINT, SIGTERM], handler: @escaping @Sendable (Int32) -> Void) {
        let queue = DispatchQueue(label: "kith.signals")
        let received = SignalCount()
        sources = signals.map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler {
                if received.increment() > 1 { exit(130) }
                handler(number)
            }
            source.resume()
            return source
        }
        // A reader that went away must not kill the node halfway through a write.
        signal(SIGPIPE, SIG_IGN)
    }

    /// Stops trapping (the signals stay ignored: the process is about to end).
    func cancel() {
        for source in sources { source.cancel() }
    }
}

/// How many signals arrived; used only on the trap's serial queue.
private final class SignalCount: @unchecked Sendable {
    private var count = 0

    func increment() -> Int {
        count += 1
        return count
    }
}
