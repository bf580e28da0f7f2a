/// How long the turns of an event loop held its thread: the processor time of the work done
/// after each wait (handlers, timers, posted work, hooks), not counting time the thread waited
/// or was not scheduled. While one turn runs, nothing else on the loop is served.
public struct LoopLoad: Codable, Sendable, Equatable {
    /// Turns run since the loop started.
    public var turns: UInt64 = 0
    /// The processor time of the longest turn, in microseconds.
    public var longestTurnMicroseconds: UInt64 = 0
    /// Turns that used more than 10 ms of processor time.
    public var slowTurns: UInt64 = 0
    /// Turns that used more than 50 ms of processor time.
    public var verySlowTurns: UInt64 = 0

    /// No turn yet.
    public init() {}

    /// Counts a turn that used `microseconds` of processor time.
    package mutating func record(_ microseconds: UInt64) {
        turns += 1
        longestTurnMicroseconds = max(longestTurnMicroseconds, microseconds)
        if microseconds > 10_000 { slowTurns += 1 }
        if microseconds > 50_000 { verySlowTurns += 1 }
    }
}
