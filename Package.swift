// swift-tools-version:6.0
import PackageDescription

/// Strict settings shared by every target (after swift-log's Package.swift).
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "Kith",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "kith", targets: ["kith"]),
        .executable(name: "kith-log", targets: ["kith-log"]),
        .executable(name: "kith-bench", targets: ["kith-bench"]),
        .executable(name: "kith-fuzz", targets: ["kith-fuzz"]),
        .library(name: "KithCore", targets: ["KithCore"]),
        .library(name: "KithStorage", targets: ["KithStorage"]),
    ],
    targets: [
        // libsodium from the system (Debian: libsodium-dev).
        .systemLibrary(
            name: "CSodium",
            pkgConfig: "libsodium",
            providers: [.apt(["libsodium-dev"]), .brew(["libsodium"])]
        ),
        // The few C declarations Glibc does not expose to Swift (eventfd, accept4, packet-info
        // control messages), for KithSystem's sockets.
        .target(name: "CKithSystem"),
        // The system edge every other edge target uses: one Errno, the EINTR-retrying call helper,
        // FileDescriptor and FileSystem, sockets, addresses, interfaces and poll, the clocks, the
        // signal trap. Depends on the C library only (through its own C shim).
        .target(name: "KithSystem", dependencies: ["CKithSystem"], swiftSettings: strictSettings),
        // Pure core: entry format, signing, validation, chain rules. No files, sockets or clocks.
        .target(name: "KithCore", dependencies: ["CSodium"], swiftSettings: strictSettings),
        // Storage at the edge: the append-only segmented log, its derived index, key files.
        .target(
            name: "KithStorage", dependencies: ["KithCore", "KithSystem"],
            swiftSettings: strictSettings),
        // Pure mesh protocol: communities, beacons, the session handshake, frames, replication.
        .target(name: "KithMesh", dependencies: ["KithCore"], swiftSettings: strictSettings),
        // Many nodes in one process with a simulated clock: the real engine and overlay policy,
        // a discrete-event network. Pure: no sockets, files or wall clock. Tests and kith-bench.
        .target(
            name: "KithSimulation", dependencies: ["KithCore", "KithMesh"],
            swiftSettings: strictSettings),
        // The control socket's protocol as types (Protocol/control.md): requests, responses and
        // entries, their JSON lines. Pure: shared by the node and every client (`kith chat`).
        .target(name: "KithControl", dependencies: ["KithCore"], swiftSettings: strictSettings),
        // The IO edge of a running node: the event loop, discovery, sessions, the node.
        .target(
            name: "KithNode",
            dependencies: [
                "KithControl", "KithCore", "KithStorage", "KithMesh", "KithSystem",
            ],
            swiftSettings: strictSettings
        ),
        // What the executables share: argument parsing, home resolution, output formatting, the
        // chat's pure session and line editor with the raw terminal and input waiter around them.
        .target(
            name: "KithCommandLine",
            dependencies: ["KithControl", "KithCore", "KithSystem"],
            swiftSettings: strictSettings
        ),
        // The chat's loop at the edge: one thread polling the input, the node's sockets and a
        // wake-up pipe, carrying out the pure ChatSession's actions; following the next node.
        .target(
            name: "KithChat",
            dependencies: [
                "KithCommandLine", "KithControl", "KithCore", "KithMesh", "KithNode", "KithStorage",
                "KithSystem",
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "kith",
            dependencies: [
                "KithChat", "KithControl", "KithCore", "KithStorage", "KithMesh", "KithNode",
                "KithCommandLine", "KithSystem",
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "kith-log",
            dependencies: ["KithCore", "KithStorage", "KithCommandLine", "KithSystem"],
            path: "tools/kith-log",
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "kith-bench",
            dependencies: [
                "CSodium", "KithControl", "KithCore", "KithStorage", "KithMesh", "KithNode",
                "KithSimulation", "KithSystem",
            ],
            path: "tools/kith-bench",
            swiftSettings: strictSettings
        ),
        // One fuzz target per decoder of outside bytes, and the driver that runs them: replaying
        // corpus files in a normal build, under libFuzzer in a fuzz build (tools/fuzz).
        .target(
            name: "KithFuzzTargets",
            dependencies: ["KithControl", "KithCore", "KithStorage", "KithMesh", "KithNode"],
            path: "tools/kith-fuzz/Targets",
            swiftSettings: strictSettings
        ),
        // The declaration of libFuzzer's driver entry, for the fuzz build of kith-fuzz.
        .target(name: "CLibFuzzer", path: "tools/kith-fuzz/CLibFuzzer"),
        .executableTarget(
            name: "kith-fuzz",
            dependencies: ["CLibFuzzer", "KithFuzzTargets"],
            path: "tools/kith-fuzz/Driver",
            swiftSettings: strictSettings
        ),
        // Helpers shared by the test targets (ordered JSON for vector files, a small tmpfs, random
        // sources of fixed bytes).
        .target(
            name: "KithTestSupport",
            dependencies: ["KithCore", "KithNode", "KithSystem"],
            path: "Tests/KithTestSupport",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "KithCoreTests",
            dependencies: ["KithCore", "KithTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "KithMeshTests",
            dependencies: ["KithCore", "KithMesh", "KithSimulation", "KithTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "KithNodeTests",
            dependencies: [
                "CKithSystem", "KithControl", "KithCore", "KithStorage", "KithMesh", "KithNode",
                "KithSystem",
                "KithTestSupport",
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "KithSystemTests",
            dependencies: ["CKithSystem", "KithSystem", "KithTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "KithChatTests",
            dependencies: [
                "KithChat", "KithCommandLine", "KithControl", "KithCore", "KithNode", "KithStorage",
                "KithSystem", "KithTestSupport",
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "KithControlTests",
            dependencies: ["KithControl", "KithCore"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "KithStorageTests",
            dependencies: ["KithCore", "KithStorage", "KithTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "KithFuzzTargetsTests",
            dependencies: ["KithFuzzTargets"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "KithLabTests",
            dependencies: ["KithCore", "KithStorage", "KithTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "KithCommandLineTests",
            dependencies: ["KithControl", "KithCore", "KithCommandLine"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "KithEndToEndTests",
            dependencies: [
                "KithCore", "KithStorage", "KithCommandLine", "KithSystem", "KithTestSupport",
            ],
            swiftSettings: strictSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
