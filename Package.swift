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
        // Pure core: entry format, signing, validation, chain rules. No files, sockets or clocks.
        .target(name: "KithCore", dependencies: ["CSodium"], swiftSettings: strictSettings),
        // Storage at the edge: the append-only segmented log, its derived index, key files.
        .target(name: "KithStorage", dependencies: ["KithCore"], swiftSettings: strictSettings),
        // What both executables share: argument parsing, home resolution, output formatting.
        .target(
            name: "KithCommandLine",
            dependencies: ["KithCore", "KithStorage"],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "kith",
            dependencies: ["KithCore", "KithStorage", "KithCommandLine"],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "kith-log",
            dependencies: ["KithCore", "KithStorage", "KithCommandLine"],
            path: "tools/kith-log",
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "kith-bench",
            dependencies: ["KithCore", "KithStorage"],
            path: "tools/kith-bench",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "KithCoreTests",
            dependencies: ["KithCore"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "KithStorageTests",
            dependencies: ["KithCore", "KithStorage"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "KithEndToEndTests",
            dependencies: ["KithCore", "KithStorage"],
            swiftSettings: strictSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
