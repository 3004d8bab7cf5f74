// swift-tools-version: 6.0
import PackageDescription

let strict: [SwiftSetting] = [.swiftLanguageMode(.v6)]

let package = Package(
    name: "NightDesk",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "nightdesk", targets: ["nightdesk"]),
        .executable(name: "nightdesk-agent", targets: ["nightdesk-agent"]),
        .executable(name: "nightdesk-bench", targets: ["nightdesk-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        // The C surface of libwebsockets; only NightDeskTransport imports it.
        .systemLibrary(
            name: "CLibWebSockets",
            pkgConfig: "libwebsockets",
            providers: [.apt(["libwebsockets-dev"])]
        ),
        // libcrypto: random tokens, SHA-256, constant-time compare.
        .systemLibrary(
            name: "COpenSSL",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        // glibc's malloc.h: the server's allocator settings (mallopt).
        .systemLibrary(name: "CMalloc"),
        // glibc's sync_file_range: the journal's new segments written back as they are copied.
        .systemLibrary(name: "CWriteback"),
        .target(name: "NightDeskCore", swiftSettings: strict),
        .target(
            name: "NightDeskStore",
            dependencies: ["NightDeskCore", "CWriteback", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict
        ),
        .target(
            name: "NightDeskTransport",
            dependencies: ["CLibWebSockets", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict
        ),
        .target(
            name: "NightDeskServer",
            dependencies: [
                "NightDeskCore", "NightDeskStore", "NightDeskTransport", "COpenSSL",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "nightdesk",
            dependencies: [
                "NightDeskCore", "NightDeskStore", "NightDeskServer", "CMalloc",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "nightdesk-agent",
            dependencies: ["NightDeskTransport", "NightDeskCore", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: strict
        ),
        // The load generator: C on libwebsockets' libuv loop, so that it costs
        // far less than the server it measures (Benchmarks/README.md).
        .executableTarget(
            name: "nightdesk-bench",
            cSettings: [.unsafeFlags(["-Wall", "-Wextra"])],
            linkerSettings: [.linkedLibrary("uv"), .linkedLibrary("m")]
        ),
        .testTarget(name: "NightDeskCoreTests", dependencies: ["NightDeskCore"], swiftSettings: strict),
        .testTarget(name: "NightDeskStoreTests", dependencies: ["NightDeskStore", "NightDeskCore"], swiftSettings: strict),
        .testTarget(
            name: "NightDeskServerTests",
            dependencies: ["NightDeskServer", "NightDeskTransport", "NightDeskCore"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "AgentClientTests",
            dependencies: ["nightdesk-agent", "NightDeskTransport", "NightDeskCore", .product(name: "Logging", package: "swift-log")],
            path: "Tests/AgentClient/Unit",
            swiftSettings: strict
        ),
    ]
)
