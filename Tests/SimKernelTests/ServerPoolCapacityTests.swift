import SimKernel
import Testing

/// Capacity changes: new servers take waiting clients at once, removed ones finish first, waiting
/// requests can be withdrawn, and utilisation is busy time over available server time.
@Suite struct ServerPoolCapacityTests {
    /// 2 servers on [0, 10), 1 server on [10, 20); one client busy throughout:
    /// utilisation = 20 busy-hours / (2·10 + 1·10) server-hours = 2/3.
    @Test func utilisationAccountsForCapacityChanges() {
        var pool = ServerPool(capacity: 2)
        let granted = pool.request(1, at: 0)
        let started = pool.setCapacity(1, at: 10)
        #expect(granted && started.isEmpty)
        #expect(abs(pool.utilisation(at: 20) - 2.0 / 3.0) < 1e-12)
    }

    /// Raising capacity starts waiting clients in queue order, with their waits recorded.
    @Test func raisingCapacityStartsWaitingClients() {
        var pool = ServerPool(capacity: 1)
        let one = pool.request(1, at: 0), two = pool.request(2, at: 1), three = pool.request(3, at: 2)
        #expect(one && !two && !three)
        let started = pool.setCapacity(3, at: 5)
        #expect(started.map(\.token) == [2, 3])
        #expect(started.map(\.waited) == [4, 3])
        #expect(pool.busy == 3 && pool.waitingCount == 0)
    }

    /// Lowering capacity below the busy count lets the extra servers finish without replacement.
    @Test func loweringCapacityLetsServersFinish() {
        var pool = ServerPool(capacity: 2)
        let first = pool.request(1, at: 0), second = pool.request(2, at: 0)
        #expect(first && second)
        let queued = pool.request(3, at: 1)
        let none = pool.setCapacity(1, at: 2)
        #expect(!queued && none.isEmpty)
        let third = pool.release(at: 3), fourth = pool.release(at: 4)
        #expect(third == nil)           // 2 busy > 1: the server is not replaced
        #expect(fourth?.token == 3)     // back at capacity: the next client starts
    }

    @Test func withdrawRemovesOnlyWaitingTokens() {
        var pool = ServerPool(capacity: 1, discipline: .priority)
        let a = pool.request(1, at: 0), b = pool.request(2, priority: 1, at: 0), c = pool.request(3, priority: 0, at: 0)
        #expect(a && !b && !c)
        let withdrawn = pool.withdraw(3, at: 1), again = pool.withdraw(3, at: 1), serving = pool.withdraw(1, at: 1)
        #expect(withdrawn && !again && !serving)
        let next = pool.release(at: 2)
        #expect(next?.token == 2)
    }
}
