import Testing
import SimKernel

/// Misuse that the kernel documents as a precondition must stop the process rather than
/// corrupt the clock or the statistics (Swift Testing exit tests, one child process each).
@Suite("Kernel preconditions")
struct PreconditionTests {
    @Test func schedulingBeforeNowTraps() async {
        await #expect(processExitsWith: .failure) {
            var calendar = EventCalendar<Int>()
            calendar.schedule(0, at: 5)
            _ = calendar.popNext()
            calendar.schedule(1, at: 4.5)
        }
    }

    @Test func schedulingAtANonFiniteTimeTraps() async {
        await #expect(processExitsWith: .failure) {
            var calendar = EventCalendar<Int>()
            calendar.schedule(0, at: .infinity)
        }
        await #expect(processExitsWith: .failure) {
            var calendar = EventCalendar<Int>()
            calendar.schedule(0, at: .nan)
        }
    }

    @Test func clockCannotGoBack() async {
        await #expect(processExitsWith: .failure) {
            var calendar = EventCalendar<Int>()
            calendar.advance(to: 3)
            calendar.advance(to: 2)
        }
    }

    @Test func releaseWithoutBusyServerTraps() async {
        await #expect(processExitsWith: .failure) {
            var pool = ServerPool(capacity: 1)
            _ = pool.release(at: 1)
        }
    }

    @Test func poolNeedsAServer() async {
        await #expect(processExitsWith: .failure) {
            _ = ServerPool(capacity: 0)
        }
    }
}
