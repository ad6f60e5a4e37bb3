// swift-tools-version: 6.1
// jtx's allocation budgets, checked with package-benchmark (ordo-one/benchmark).
//
// A package of its own, depending on jtx by path, so that jtx's own build does not build the
// benchmark framework. Run from this folder:
//
//     swift package benchmark                     # run and print
//     swift package benchmark thresholds check    # compare with Thresholds/ (what `make bench-check` does)
//     swift package --allow-writing-to-package-directory benchmark thresholds update
import PackageDescription

let package = Package(
    name: "JTXBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        // The malloc counters need the interposer trait (there are no perf counters here).
        .package(url: "https://github.com/ordo-one/benchmark", exact: "1.38.1", traits: ["MallocInterposer"]),
        .package(name: "jtx", path: ".."),
    ],
    targets: [
        .executableTarget(
            name: "JTXBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "SimKernel", package: "jtx"),
                .product(name: "Stochastics", package: "jtx"),
                .product(name: "ExerciseModel", package: "jtx"),
                .product(name: "ScenarioFormat", package: "jtx"),
            ],
            path: "Benchmarks/JTXBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
