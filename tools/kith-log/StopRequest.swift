import Dispatch
import Foundation

#if canImport(Glibc)
    @preconcurrency import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Turns SIGINT and SIGTERM into a flag a loop checks, so that `follow` finishes its current line
/// and exits with status 0 instead of being killed mid-write.
final class StopRequest: @unchecked Sendable {
    private let lock = NSLock()
    private var requested = false
    private var sources: [any DispatchSourceSignal] = []

    private init() {}

    /// Starts catching `signals` (default SIGINT and SIGTERM): their default action is turned off
    /// and each delivery sets ``isRequested``.
    ///
    /// The corresponding C function is `signal`.
    static func install(signals: [Int32] = [SIGINT, SIGTERM]) -> StopRequest {
        let request = StopRequest()
        let queue = DispatchQueue(label: "kith-log.signals")
        for number in signals {
            _ = signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { request.request() }
            source.resume()
            request.sources.append(source)
        }
        return request
    }

    /// Whether a stop was asked for.
    var isRequested: Bool {
        lock.lock()
        defer { lock.unlock() }
        return requested
    }

    /// Asks the loop to stop.
    func request() {
        lock.lock()
        requested = true
        lock.unlock()
    }
}
