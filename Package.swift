// swift-tools-version: 6.1
import PackageDescription

/// Compiler settings shared by every Swift target.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "jtx",
    products: [
        .executable(name: "jtx", targets: ["jtx"]),
        .executable(name: "jtx-bench", targets: ["jtx-bench"]),
        .library(name: "SimKernel", targets: ["SimKernel"]),
        .library(name: "Stochastics", targets: ["Stochastics"]),
        // For the package-benchmark suite in Benchmarks/ (its own package, depending on this one by path).
        .library(name: "ExerciseModel", targets: ["ExerciseModel"]),
        .library(name: "ScenarioFormat", targets: ["ScenarioFormat"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
        .package(url: "https://github.com/ordo-one/malloc-interposer", from: "1.6.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CGSL",
            pkgConfig: "gsl",
            providers: [.apt(["libgsl-dev"])]
        ),
        .target(
            name: "Stochastics",
            dependencies: ["CGSL"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "SimKernel",
            dependencies: [.product(name: "DequeModule", package: "swift-collections")],
            swiftSettings: strictSettings
        ),
        .target(
            name: "ExerciseModel",
            dependencies: ["SimKernel", "Stochastics"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "ScenarioFormat",
            dependencies: [
                "ExerciseModel",
                "Stochastics",
                .product(name: "Yams", package: "Yams"),
                .product(name: "CSV", package: "CSV.swift"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "Experiments",
            dependencies: ["ExerciseModel", "Stochastics"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "Regression",
            dependencies: ["Stochastics"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "Reports",
            dependencies: [
                "ExerciseModel",
                "Experiments",
                "Regression",
                "Stochastics",
                .product(name: "CSV", package: "CSV.swift"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "jtx",
            dependencies: [
                "ExerciseModel",
                "ScenarioFormat",
                "Experiments",
                "Regression",
                "Reports",
                "Stochastics",
                "SimKernel",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings,
            plugins: [.plugin(name: "GitRevision")]
        ),
        // Writes the build's git revision (or "unknown") for `jtx --version`.
        .plugin(name: "GitRevision", capability: .buildTool()),
        .executableTarget(
            name: "jtx-bench",
            dependencies: [
                "Stochastics",
                "SimKernel",
                "ExerciseModel",
                "ScenarioFormat",
                "Experiments",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "MallocInterposerSwift", package: "malloc-interposer"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "StochasticsTests",
            dependencies: ["Stochastics"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "CommandLineTests",
            dependencies: [],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ScenarioFormatTests",
            dependencies: ["ScenarioFormat", "ExerciseModel", "Stochastics"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ExerciseModelTests",
            dependencies: ["ExerciseModel", "ScenarioFormat", "Experiments", "Reports", "Stochastics", "SimKernel"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ExperimentsTests",
            dependencies: ["Experiments", "ExerciseModel", "ScenarioFormat", "Reports", "Stochastics"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "RegressionTests",
            dependencies: ["Regression", "Reports", "ExerciseModel", "Stochastics"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "SimKernelTests",
            dependencies: ["SimKernel", "Stochastics"],
            swiftSettings: strictSettings
        ),
    ]
)
