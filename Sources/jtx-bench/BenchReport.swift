import Foundation
import MallocInterposerSwift

/// What one benchmark run prints: a single JSON object on one line.
struct BenchReport {
    var model: String
    var events: Int
    /// Events the kernel processed (popped from the calendar), for a cost per kernel event.
    var kernelEvents: Int
    var seconds: Double
    var wq: Double
    var e2e: Double?
    var visits: Double?
    /// Heap allocations counted during the measured period, and the events processed in it.
    var allocations: (count: Int64, events: Int)?

    var json: String {
        var fields: [(String, String)] = [
            ("model", "\"\(model)\""),
            ("impl", "\"jtx\""),
            ("events", "\(events)"),
            ("seconds", format(seconds)),
            ("events_per_second", format(Double(events) / seconds)),
            ("kernel_events", "\(kernelEvents)"),
            ("ns_per_kernel_event", format(seconds * 1e9 / Double(kernelEvents))),
            ("wq", format(wq)),
        ]
        if let e2e { fields.append(("e2e", format(e2e))) }
        if let visits { fields.append(("visits", format(visits))) }
        if let allocations {
            fields.append(("allocations_measured", "\(allocations.count)"))
            fields.append(("events_measured", "\(allocations.events)"))
        }
        return "{" + fields.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}"
    }

    private func format(_ value: Double) -> String { String(format: "%.6g", value) }
}

/// Brackets a measured period with the malloc interposer's counters.
enum AllocationCounter {
    /// Starts counting; throws if the interposer is not preloaded (counts would silently be 0).
    static func start() throws {
        MallocInterposerSwift.initialize()
        MallocInterposerSwift.hook()
        // A probe allocation the interposer must see, or it is not in the process.
        let probe = UnsafeMutableRawPointer.allocate(byteCount: 64, alignment: 16)
        probe.deallocate()
        let seen = MallocInterposerSwift.getStatistics().mallocCount
        MallocInterposerSwift.unhook()
        guard seen > 0 else {
            throw BenchError.interposerMissing
        }
        MallocInterposerSwift.initialize()
        MallocInterposerSwift.hook()
    }

    /// Stops counting and returns the allocations seen since `start`.
    static func stop() -> Int64 {
        MallocInterposerSwift.unhook()
        return Int64(MallocInterposerSwift.getStatistics().mallocCount)
    }
}

enum BenchError: Error, CustomStringConvertible {
    case interposerMissing

    var description: String {
        "--count-allocations needs the malloc interposer in the process: run with LD_PRELOAD=<build dir>/libMallocInterposerSwift.so"
    }
}
