// kith-bench: prints Kith's performance figures. It asserts nothing; tests assert behaviour.
//
//   swift run -c release kith-bench                 # every benchmark
//   swift run -c release kith-bench ingest [--count N] [--authors N] [--batch N]
//   swift run -c release kith-bench storage [--entries N] [--dir DIR]
//   swift run -c release kith-bench make-log --home DIR [--entries N] [--authors N] [--text-length N] [--author-base N]
//   swift run -c release kith-bench simulate [--nodes N,N,...] [--seeds N] [--first-seed N] [--no-scenarios]
//   swift run -c release kith-bench control-lines [--count N]
//   swift run -c release kith-bench flood --target HOST:PORT --key HEX [--authors new|one] [--size BYTES] [--seconds N] [--pool N]
//
// Network figures (latency, catch-up, bytes on the wire, idle cost) come from tools/lab/bench-mesh;
// `flood` is the stranger of tools/lab/bench-stranger, not a benchmark of its own.
import Foundation
import KithCore

func option(_ name: String, in arguments: [String], default value: Int) -> Int {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count,
        let parsed = Int(arguments[index + 1]), parsed > 0
    else { return value }
    return parsed
}

func stringOption(_ name: String, in arguments: [String]) -> String? {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else {
        return nil
    }
    return arguments[index + 1]
}

let arguments = Array(CommandLine.arguments.dropFirst())
let command = arguments.first ?? "all"
do {
    switch command {
    case "ingest":
        try IngestBenchmark.run(
            count: option("--count", in: arguments, default: 40_000),
            authors: option("--authors", in: arguments, default: 8),
            batch: option("--batch", in: arguments, default: 4096))
    case "storage":
        try StorageBenchmark.bytesPerEntry()
        try StorageBenchmark.openLargeLog(
            count: option("--entries", in: arguments, default: 1_000_000),
            directory: stringOption("--dir", in: arguments))
    case "open-only":
        guard arguments.count >= 2 else { throw BenchError.usage }
        try StorageBenchmark.openOnly(
            home: arguments[1], dropIndex: arguments.contains("--drop-index"))
    case "make-log":
        guard let home = stringOption("--home", in: arguments) else {
            throw MakeLogError.missingHome
        }
        try MakeLogCommand.run(
            home: home,
            entries: option("--entries", in: arguments, default: 20_000),
            authors: option("--authors", in: arguments, default: 8),
            textLength: option("--text-length", in: arguments, default: 12),
            authorBase: option("--author-base", in: arguments, default: 1_000))
    case "simulate":
        let sizes = (stringOption("--nodes", in: arguments) ?? "10,25,50,100")
            .split(separator: ",").compactMap { Int($0) }
        let converged = SimulateCommand.run(
            sizes: sizes, seeds: option("--seeds", in: arguments, default: 3),
            firstSeed: UInt64(option("--first-seed", in: arguments, default: 1)),
            scenarios: !arguments.contains("--no-scenarios"))
        if !converged {
            FileHandle.standardError.write(
                Data("kith-bench: a simulated run did not converge\n".utf8))
            exit(1)
        }
    case "control-lines":
        try ControlLineBenchmark.run(count: option("--count", in: arguments, default: 10_000))
    case "flood":
        FloodCommand.run(try FloodOptions(arguments: arguments))
    case "all":
        try IngestBenchmark.run(count: 40_000, authors: 8, batch: 4096)
        try StorageBenchmark.bytesPerEntry()
        try StorageBenchmark.openLargeLog(count: 1_000_000, directory: nil)
    case "-h", "--help", "help":
        print(
            "usage: kith-bench [all | ingest [--count N] [--authors N] [--batch N] | storage [--entries N] [--dir DIR]]\n"
                + "       kith-bench make-log --home DIR [--entries N] [--authors N] [--text-length N] [--author-base N]\n"
                + "       kith-bench simulate [--nodes N,N,...] [--seeds N] [--first-seed N] [--no-scenarios]\n"
                + "       kith-bench control-lines [--count N]\n"
                + "       kith-bench flood --target HOST:PORT --key HEX [--authors new|one] [--size BYTES] [--seconds N] [--pool N]\n"
                + "network figures (latency, catch-up, bytes on the wire, idle cost): sudo tools/lab/bench-mesh --help\n"
                + "a stranger's flood against a node: sudo tools/lab/bench-stranger --help"
        )
    default:
        throw BenchError.usage
    }
} catch {
    FileHandle.standardError.write(Data("kith-bench: \(error)\n".utf8))
    exit(1)
}

enum BenchError: Error, CustomStringConvertible {
    case usage
    var description: String { "unknown arguments; see kith-bench --help" }
}
