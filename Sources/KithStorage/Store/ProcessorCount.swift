#if canImport(Glibc)
    @preconcurrency import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The number of processors currently online.
///
/// The corresponding C function is `sysconf(_SC_NPROCESSORS_ONLN)`.
func sysconfActiveProcessors() -> Int {
    Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
}
