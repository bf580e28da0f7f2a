#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

/// The clocks a node reads: a monotonic one for timers and a wall clock for beacon and entry
/// timestamps.
public enum SystemClock {
    /// Milliseconds of a clock that never goes backwards (any origin; not the time of day).
    /// The corresponding C function is `clock_gettime(CLOCK_MONOTONIC)`.
    public static func monotonicMilliseconds() -> UInt64 {
        milliseconds(of: CLOCK_MONOTONIC)
    }

    /// Milliseconds since 1970-01-01T00:00:00Z, as the system clock says.
    /// The corresponding C function is `clock_gettime(CLOCK_REALTIME)`.
    public static func wallMilliseconds() -> UInt64 {
        milliseconds(of: CLOCK_REALTIME)
    }

    /// Microseconds of processor time the calling thread has used.
    /// The corresponding C function is `clock_gettime(CLOCK_THREAD_CPUTIME_ID)`.
    public static func threadCPUMicroseconds() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
        return UInt64(max(0, spec.tv_sec)) * 1_000_000 + UInt64(max(0, spec.tv_nsec)) / 1_000
    }

    private static func milliseconds(of clock: clockid_t) -> UInt64 {
        var spec = timespec()
        clock_gettime(clock, &spec)
        return UInt64(max(0, spec.tv_sec)) * 1000 + UInt64(max(0, spec.tv_nsec)) / 1_000_000
    }
}
