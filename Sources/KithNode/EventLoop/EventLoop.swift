import KithControl
import KithSystem
import Synchronization

#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

/// A single-threaded reactor on `epoll` (``Epoll``): it owns the descriptors registered with it,
/// runs their handlers when they are ready, fires timers of a monotonic clock, and runs work other
/// threads post to it. A turn costs the descriptors that are ready, not every one registered.
///
/// Thread safety: ``execute(_:)`` and ``stop()`` may be called from any thread; everything else
/// only from the loop's own thread (inside handlers, timers and posted work) or before ``run(_:)``
/// starts. Handlers are not `Sendable`: they stay on the loop thread.
public final class EventLoop: @unchecked Sendable {
    /// What a handler is told: the events the kernel reported (`poll`'s bits).
    public typealias Handler = (PollEvents) -> Void

    private struct Registration {
        let generation: UInt64
        var interest: PollEvents
        let handler: Handler
        /// Whether the epoll set holds the descriptor: only while `interest` is not empty (a
        /// watch with no interest would still report errors and hang-ups).
        var isWatched = false
    }

    private struct Inbox {
        var work: [@Sendable () -> Void] = []
        var stopRequested = false
        var isShutDown = false
    }

    private var registrations: [Int32: Registration] = [:]
    private var nextGeneration: UInt64 = 1
    private var timers = TimerQueue()
    private var timerActions: [TimerID: () -> Void] = [:]
    private var iterationHooks: [() -> Void] = []
    private var wantsImmediateIteration = false
    private let wake: WakeSignal
    private let epoll: Epoll
    /// The generation of each ready descriptor's registration when the kernel reported it.
    private var readyGenerations: [UInt64] = []
    private let inbox = Mutex(Inbox())
    /// The thread running ``run()``, while it runs (`pthread_self`, as an integer).
    private let runningThread = Mutex<UInt?>(nil)

    /// The monotonic time in milliseconds, read once per turn of the loop.
    public private(set) var now: UInt64
    /// How long the turns of the loop held its thread (each turn is counted when the next one
    /// starts).
    public private(set) var load = LoopLoad()
    /// The thread's processor clock when the current turn started (µs).
    private var turnStartedCPU: UInt64?

    /// A loop with no descriptors or timers.
    public init() throws(SystemCallError) {
        wake = try WakeSignal()
        do {
            epoll = try Epoll()
            try epoll.watch(wake.descriptor, for: .readable)
        } catch {
            wake.close()
            throw error
        }
        now = SystemClock.monotonicMilliseconds()
    }

    deinit {
        wake.close()
    }

    // MARK: Descriptors

    /// Watches `descriptor` for `interest` and calls `handler` with what the kernel reports
    /// (errors and hang-ups are always reported while the interest is not empty). Replaces an
    /// earlier registration of the descriptor.
    ///
    /// Should the kernel refuse to watch it (out of memory, or past the limit of watches), the
    /// descriptor is never reported: its owner's time limits end it, as for a silent peer.
    public func register(
        _ descriptor: Int32, interest: PollEvents, handler: @escaping Handler
    ) {
        assertConfined()
        let wasWatched = registrations[descriptor]?.isWatched ?? false
        registrations[descriptor] = Registration(
            generation: nextGeneration, interest: interest, handler: handler,
            isWatched: wasWatched)
        nextGeneration += 1
        updateWatch(descriptor)
    }

    /// Changes what `descriptor` is watched for; an empty interest reports nothing at all.
    public func setInterest(_ descriptor: Int32, _ interest: PollEvents) {
        assertConfined()
        guard let registration = registrations[descriptor], registration.interest != interest
        else { return }
        registrations[descriptor]?.interest = interest
        updateWatch(descriptor)
    }

    /// Stops watching `descriptor` (call it before closing the descriptor).
    public func unregister(_ descriptor: Int32) {
        assertConfined()
        if registrations.removeValue(forKey: descriptor)?.isWatched == true {
            epoll.forget(descriptor)
        }
    }

    /// Makes the epoll set agree with the registration of `descriptor`.
    private func updateWatch(_ descriptor: Int32) {
        guard let registration = registrations[descriptor] else { return }
        if registration.interest.isEmpty {
            if registration.isWatched { epoll.forget(descriptor) }
            registrations[descriptor]?.isWatched = false
            return
        }
        let watched = (try? epoll.watch(descriptor, for: registration.interest)) != nil
        registrations[descriptor]?.isWatched = watched
    }

    // MARK: Timers

    /// Runs `action` once, `delay` milliseconds from now.
    @discardableResult
    public func schedule(after delay: UInt64, _ action: @escaping () -> Void) -> TimerID {
        assertConfined()
        let id = timers.schedule(at: now &+ delay)
        timerActions[id] = action
        return id
    }

    /// Cancels a timer that has not fired yet.
    public func cancel(_ timer: TimerID) {
        assertConfined()
        timers.cancel(timer)
        timerActions[timer] = nil
    }

    /// Runs `hook` at the end of every turn of the loop, after handlers, timers and posted work:
    /// the place to batch work that a turn's events produced.
    public func addIterationHook(_ hook: @escaping () -> Void) {
        assertConfined()
        iterationHooks.append(hook)
    }

    /// Makes the next `poll` return at once: there is work left that needs no event.
    public func requestImmediateIteration() {
        wantsImmediateIteration = true
    }

    // MARK: Other threads

    /// Runs `work` on the loop's thread during its next turn. Safe from any thread. Returns false
    /// (and drops `work`) once the loop has been shut down (``shutDown()``).
    @discardableResult
    public func execute(_ work: @escaping @Sendable () -> Void) -> Bool {
        let accepted = inbox.withLock { inbox in
            guard !inbox.isShutDown else { return false }
            inbox.work.append(work)
            return true
        }
        if accepted { wake.signal() }
        return accepted
    }

    /// Makes ``run()`` return after the current turn. Safe from any thread.
    public func stop() {
        inbox.withLock { $0.stopRequested = true }
        wake.signal()
    }

    // MARK: Running

    /// Runs turns of the loop on the calling thread until ``stop()`` is called.
    /// - Throws: the error of `poll` itself (never a handler's).
    public func run() throws(SystemCallError) {
        runningThread.withLock { $0 = Self.currentThread }
        defer { runningThread.withLock { $0 = nil } }
        turnStartedCPU = nil  // another thread's clock until now
        while !inbox.withLock({ $0.stopRequested }) {
            try turn()
        }
    }

    /// Whether the caller may touch what the loop confines: it runs on the loop's thread, or
    /// the loop is not running (before ``run()`` starts and after it returns). Safe from any
    /// thread.
    public var isConfinedHere: Bool {
        guard let thread = runningThread.withLock({ $0 }) else { return true }
        return thread == Self.currentThread
    }

    /// Stops a debug build when called off the loop's thread while the loop runs: what the loop
    /// confines (its registrations, timers, and the objects living on it) is touched only from
    /// there (like swift-nio's `preconditionInEventLoop`). Nothing in a release build.
    public func assertConfined(file: StaticString = #fileID, line: UInt = #line) {
        assert(isConfinedHere, "called off the event loop's thread", file: file, line: line)
    }

    /// The calling thread, as an integer.
    private static var currentThread: UInt {
        #if canImport(Glibc)
            UInt(pthread_self())
        #else
            UInt(bitPattern: pthread_self())
        #endif
    }

    /// One turn: wait for descriptors or the next timer, run ready handlers, due timers, posted
    /// work, then the iteration hooks.
    func turn() throws(SystemCallError) {
        let readyCount = try epoll.wait(timeoutMilliseconds: pollTimeout())
        // One read of the thread's processor clock a turn (it is a system call): the previous
        // turn took what the thread used from its start to this one's, waiting costs none.
        let cpu = SystemClock.threadCPUMicroseconds()
        if let previous = turnStartedCPU, cpu >= previous { load.record(cpu - previous) }
        turnStartedCPU = cpu
        wantsImmediateIteration = false
        now = SystemClock.monotonicMilliseconds()
        // A handler may close a descriptor, and a new one may reuse its number, before a later
        // handler of this turn runs: only the registration the kernel reported on is told.
        readyGenerations.removeAll(keepingCapacity: true)
        for index in 0..<readyCount {
            readyGenerations.append(registrations[epoll.ready(index).descriptor]?.generation ?? 0)
        }
        for index in 0..<readyCount {
            let (descriptor, events) = epoll.ready(index)
            if descriptor == wake.descriptor {
                wake.drain()
                continue
            }
            guard let registration = registrations[descriptor],
                registration.generation == readyGenerations[index]
            else { continue }
            registration.handler(events)
        }
        runDueTimers()
        runPostedWork()
        for hook in iterationHooks { hook() }
    }

    /// Milliseconds until the next timer, 0 when a turn is wanted at once, -1 for no limit.
    private func pollTimeout() -> Int32 {
        if wantsImmediateIteration { return 0 }
        let pending = inbox.withLock { !$0.work.isEmpty || $0.stopRequested }
        if pending { return 0 }
        guard let deadline = timers.nextDeadline() else { return -1 }
        let current = SystemClock.monotonicMilliseconds()
        guard deadline > current else { return 0 }
        return Int32(min(deadline - current, UInt64(Int32.max)))
    }

    private func runDueTimers() {
        for id in timers.popExpired(now: now) {
            guard let action = timerActions.removeValue(forKey: id) else { continue }
            action()
        }
    }

    private func runPostedWork() {
        let work = inbox.withLock { inbox -> [@Sendable () -> Void] in
            defer { inbox.work.removeAll() }
            return inbox.work
        }
        for item in work { item() }
    }

    /// Ends the loop for good once ``run()`` has returned: runs the work posted until now, refuses
    /// later work (``execute(_:)`` returns false), and forgets every registration, timer and hook,
    /// breaking the reference cycles their closures form with their owners.
    public func shutDown() {
        let work = inbox.withLock { inbox -> [@Sendable () -> Void] in
            inbox.isShutDown = true
            defer { inbox.work.removeAll() }
            return inbox.work
        }
        for item in work { item() }
        registrations.removeAll()
        timerActions.removeAll()
        iterationHooks.removeAll()
    }
}
