/// A wait that ended without what it waited for.
public struct TimedOut: Error, CustomStringConvertible, Sendable {
    /// What was awaited.
    public let waitingFor: String
    /// How long the wait was allowed to take.
    public let after: Duration

    public var description: String { "timed out after \(after) waiting for \(waitingFor)" }
}

/// Polls `produce` until it returns a value, every `poll`, and returns it; throws ``TimedOut``
/// once a try begun after `timeout` still finds nothing. The timeout only keeps a broken test from
/// hanging: nothing is asserted about how long the wait took. The one polling helper of every
/// test target.
public func waitFor<Value>(
    _ description: @autoclosure () -> String,
    timeout: Duration = .seconds(30),
    poll: Duration = .milliseconds(20),
    produce: () async throws -> Value?
) async throws -> Value {
    let clock = ContinuousClock()
    let deadline = clock.now.advanced(by: timeout)
    while true {
        let asked = clock.now
        if let value = try await produce() { return value }
        // Only a try begun after the deadline fails: one begun earlier may describe the past,
        // when other tests held every thread of the pool and this one waited to resume.
        guard asked < deadline else {
            throw TimedOut(waitingFor: description(), after: timeout)
        }
        try await clock.sleep(until: min(clock.now.advanced(by: poll), deadline))
    }
}

/// Polls `condition` until it holds, every `poll`; throws ``TimedOut`` as ``waitFor(_:timeout:poll:produce:)``
/// does.
///
/// ```swift
/// try await waitUntil("b's log shows peer a", timeout: .seconds(10)) {
///     node.standardOutput.contains("peer a")
/// }
/// ```
public func waitUntil(
    _ description: @autoclosure () -> String,
    timeout: Duration = .seconds(30),
    poll: Duration = .milliseconds(20),
    condition: () async throws -> Bool
) async throws {
    let _: Bool = try await waitFor(description(), timeout: timeout, poll: poll) {
        try await condition() ? true : nil
    }
}
