#if canImport(Glibc)
    @preconcurrency import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The clocks Kith reads: a monotonic one for timers and deadlines, and a wall clock for beacon
/// and entry timestamps (claims, not order: Protocol/entries.md).
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

    /// Nanoseconds of the monotonic clock, for measurements finer than a millisecond.
    /// The corresponding C function is `clock_gettime(CLOCK_MONOTONIC)`.
    public static func monotonicNanoseconds() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return UInt64(max(0, spec.tv_sec)) * 1_000_000_000 + UInt64(max(0, spec.tv_nsec))
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
