import Foundation
import Testing
import SimKernel
import Stochastics

@Test func tmpSpeed() throws {
    let stations = [StationSpec(servers: 1, service: try .exponential(mean: 1), externalInterarrival: try .exponential(mean: 1 / 0.8))]
    let clock = ContinuousClock()
    let start = clock.now
    var sim = Simulation(model: NetworkModel(stations: stations, master: 1, replication: 0))
    sim.model.start(&sim.calendar)
    _ = try sim.run(until: 20_000)
    print("events", sim.eventsProcessed, "elapsed", clock.now - start, "wq", sim.model.pools[0].waits.mean)
}
