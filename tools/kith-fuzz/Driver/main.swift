// kith-fuzz: runs one fuzz target. In a normal build it replays corpus files through the target;
// built with `-sanitize=fuzzer -DKITH_LIBFUZZER` (tools/fuzz) it hands the target to libFuzzer.
import Glibc
import KithFuzzTargets

let arguments = Array(CommandLine.arguments.dropFirst())
guard let name = arguments.first, !name.hasPrefix("-") || name == "--list" else {
    Usage.fail()
}
if name == "--list" {
    for target in FuzzTargets.all { print("\(target.name)\t\(target.summary)") }
    exit(0)
}
guard let target = FuzzTargets.named(name) else {
    Usage.fail("no fuzz target named \(name)")
}
#if KITH_LIBFUZZER
    exit(LibFuzzerDriver.run(target))
#else
    exit(CorpusReplay.run(target, paths: Array(arguments.dropFirst())))
#endif
