#if KITH_LIBFUZZER
    import CLibFuzzer
    import Glibc
    import KithFuzzTargets

    /// The target libFuzzer's callback runs; set once, before the driver starts.
    nonisolated(unsafe) private var selectedTarget: FuzzTarget?

    /// Hands a target to libFuzzer (a build with `-sanitize=fuzzer` only).
    enum LibFuzzerDriver {
        /// Runs libFuzzer on `target` with the command line's options after the target's name;
        /// returns libFuzzer's exit status.
        static func run(_ target: FuzzTarget) -> Int32 {
            selectedTarget = target
            // libFuzzer reads its options from argv: the program name, then everything after
            // the target's name.
            let arguments = [CommandLine.arguments[0]] + CommandLine.arguments.dropFirst(2)
            var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
            var argc = Int32(arguments.count)
            return argv.withUnsafeMutableBufferPointer { buffer in
                var pointer = buffer.baseAddress
                return LLVMFuzzerRunDriver(&argc, &pointer) { data, size in
                    selectedTarget?.run(UnsafeRawBufferPointer(start: data, count: size))
                    return 0
                }
            }
        }
    }
#endif

#if KITH_LIBFUZZER
    /// libFuzzer's per-input callback under the name its archive's own `main` refers to. The
    /// linker needs it (that `main` is linked in even though kith-fuzz's `main` is the one that
    /// runs and hands ``LibFuzzerDriver`` the callback itself); it runs the same target.
    @_cdecl("LLVMFuzzerTestOneInput")
    func fuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
        selectedTarget?.run(UnsafeRawBufferPointer(start: data, count: size))
        return 0
    }
#endif
