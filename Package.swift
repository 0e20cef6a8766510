// swift-tools-version:6.0
import PackageDescription

// Relief uses the Swift toolchain and Foundation only: no package dependencies.
let package = Package(
    name: "Relief",
    products: [
        .executable(name: "relief", targets: ["relief"]),
        .library(name: "ReliefEngine", targets: ["ReliefEngine"]),
    ],
    targets: [
        // Pure engine: values in, values out. No printing, no files it was not handed.
        .target(
            name: "ReliefEngine",
            dependencies: ["ReliefHardwareSHA"],
            plugins: ["EmbedDefaultRules"]
        ),
        // One C function: SHA-256 block compression on the CPU's SHA instructions, which
        // Swift cannot name. The engine checks for them at run time and otherwise uses
        // its own Swift rounds.
        .target(name: "ReliefHardwareSHA"),
        // The command-line layer: arguments, files, clocks, environment, exit codes.
        .target(name: "ReliefCLI", dependencies: ["ReliefEngine"]),
        .executableTarget(name: "relief", dependencies: ["ReliefCLI"]),
        // Benchmark, not part of the tests: `swift run -c release relief-bench`.
        .executableTarget(name: "relief-bench", dependencies: ["ReliefEngine"]),
        // Build-time helper that turns Rules/default.json5 into a Swift string literal,
        // so the binary carries its default rules and works from any directory.
        .executableTarget(name: "EmbedRulesTool"),
        .plugin(
            name: "EmbedDefaultRules",
            capability: .buildTool(),
            dependencies: ["EmbedRulesTool"],
            // Beside the other sources: the top level holds only Sources, Tests, Rules and Fixtures.
            path: "Sources/EmbedDefaultRules"
        ),
        .testTarget(name: "ReliefEngineTests", dependencies: ["ReliefEngine"]),
        .testTarget(name: "ReliefCLITests", dependencies: ["ReliefCLI", "ReliefEngine", "relief"]),
    ]
)
