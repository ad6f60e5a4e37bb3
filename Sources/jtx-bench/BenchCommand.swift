import ArgumentParser
import Foundation
import MallocInterposerSwift
import SimKernel
import Stochastics

/// `jtx-bench`: the kernel benchmark models of the performance notes, printing one JSON line.
@main
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jtx-bench",
        abstract: "Benchmarks: the reference models mmc and relay on SimKernel, and whole exercises.",
        subcommands: [MMCCommand.self, RelayCommand.self, ExerciseCommand.self]
    )
}

/// Options shared by both models.
struct CommonOptions: ParsableArguments {
    @Option(help: "Master seed of the random streams.")
    var seed: UInt64 = 1

    @Flag(help: "Count heap allocations during the measured period (needs the malloc interposer preloaded with LD_PRELOAD).")
    var countAllocations = false
}

struct MMCCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mmc", abstract: "M/M/4 at rho 0.9: N customers arrive, then the system drains.")

    @Option(help: "Number of customers (more than the 10,000 warm-up customers).")
    var customers: Int = 2_000_000

    @OptionGroup var common: CommonOptions

    func validate() throws {
        guard customers > MMCModel.warmUpCustomers else {
            throw ValidationError("--customers must exceed the \(MMCModel.warmUpCustomers)-customer warm-up")
        }
    }

    func run() throws {
        let report = try MMCModel.measure(customers: customers, seed: common.seed, countAllocations: common.countAllocations)
        print(report.json)
    }
}

struct RelayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "relay", abstract: "50 FIFO agencies relaying messages over lognormal links.")

    @Option(help: "Number of messages (more than the 5,000 warm-up messages).")
    var messages: Int = 400_000

    @OptionGroup var common: CommonOptions

    func validate() throws {
        guard messages > RelayModel.warmUpMessages else {
            throw ValidationError("--messages must exceed the \(RelayModel.warmUpMessages)-message warm-up")
        }
    }

    func run() throws {
        let report = try RelayModel.measure(messages: messages, seed: common.seed, countAllocations: common.countAllocations)
        print(report.json)
    }
}
