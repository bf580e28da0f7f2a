import KithSystem
import Synchronization

/// Turns SIGINT and SIGTERM into a flag a loop checks, so that `follow` finishes its current line
/// and exits with status 0 instead of being killed mid-write. A second signal while the first is
/// handled ends the process at once (status 130), as in `kith node`.
final class StopRequest: Sendable {
    private let requested = Atomic<Bool>(false)
    private let trap = Mutex<SignalTrap?>(nil)

    private init() {}

    /// Starts catching SIGINT and SIGTERM: their default action is turned off and each delivery
    /// sets ``isRequested``.
    static func install() -> StopRequest {
        let request = StopRequest()
        let trap = SignalTrap(label: "kith-log.signals") {
            [weak request] _ in request?.request()
        }
        request.trap.withLock { $0 = trap }
        return request
    }

    /// Whether a stop was asked for.
    var isRequested: Bool {
        requested.load(ordering: .acquiring)
    }

    /// Asks the loop to stop.
    func request() {
        requested.store(true, ordering: .releasing)
    }
}
