/// Polls `produce` until it returns a value, or throws `LabError.timedOut` once a try begun after
/// `timeout` has passed still finds nothing. The deadline is measured on the continuous clock;
/// there is no fixed sleep.
///
/// - Parameters:
///   - timeout: how long to keep trying.
///   - poll: the pause between two tries.
///   - description: what is awaited, for the error message.
///   - produce: returns the awaited value, or nil while it is not there yet.
func waitFor<Value>(
    timeout: Duration,
    poll: Duration = .milliseconds(50),
    _ description: @autoclosure () -> String = "a condition",
    produce: () async throws -> Value?
) async throws -> Value {
    let clock = ContinuousClock()
    let deadline = clock.now.advanced(by: timeout)
    while true {
        let asked = clock.now
        if let value = try await produce() { return value }
        // Only an answer asked for after the deadline fails: one asked for earlier may describe
        // the past, when other tests held every thread of the pool and this one waited to resume.
        if asked >= deadline {
            throw LabError.timedOut(waitingFor: description(), after: timeout)
        }
        try await clock.sleep(until: min(clock.now.advanced(by: poll), deadline))
    }
}

/// Polls `condition` until it is true, or throws `LabError.timedOut` once `timeout` has passed.
///
/// ```swift
/// try await waitUntil(timeout: .seconds(10), "b's log shows peer a") {
///     node.standardOutput.contains("peer a")
/// }
/// ```
func waitUntil(
    timeout: Duration,
    poll: Duration = .milliseconds(50),
    _ description: @autoclosure () -> String = "a condition",
    condition: () async throws -> Bool
) async throws {
    let _: Bool = try await waitFor(timeout: timeout, poll: poll, description()) {
        try await condition() ? true : nil
    }
}
