import Foundation
import Testing
import SimKernel
import Stochastics

/// An open Jackson network of three stations, validated against the product-form solution with
/// the same replication / 99.9 % t-interval method as `QueueingValidationTests` (R = 30,
/// tolerance = the CI half-width, printed with each estimate).
///
/// Network: external Poisson arrivals γ = (1.0, 0.5, 0); exponential service.
/// - Station 1: 1 server, μ = 1.6; routes to 2 w.p. 0.5, to 3 w.p. 0.3, leaves w.p. 0.2.
/// - Station 2: 1 server, μ = 1.5; routes to 3 w.p. 0.6, leaves w.p. 0.4.
/// - Station 3: 2 servers, μ = 0.7 each; routes to 1 w.p. 0.2, leaves w.p. 0.8.
///
/// Traffic equations λ_i = γ_i + Σ_j λ_j p_ji (solved in the test by fixed-point iteration):
/// λ = (1.204545, 1.102273, 1.022727), ρ = (0.7528, 0.7348, 0.7305). By Jackson's theorem
/// each station behaves as an M/M/c queue with arrival rate λ_i:
/// Wq = (1.903736, 1.847619, 1.634789) (station 3 by Erlang C),
/// L = (3.045977, 2.771429, 3.132982), Σ L = 8.950388, and by Little's law the mean
/// sojourn time per customer is T = Σ L_i / Σ γ = 8.950388 / 1.5 = 5.966925.
///
/// Warm-up 1,000 (> 25 relaxation times of the slowest station), measured 12,000 time units
/// per replication (≈ 18,000 customers, 40,000 visits). Routing draws from its own stream.
@Suite("Queueing theory: Jackson network")
struct JacksonNetworkTests {
    static let external = [1.0, 0.5, 0.0]
    static let serviceRates = [1.6, 1.5, 0.7]
    static let servers = [1, 1, 2]
    static let routing: [[Double]] = [
        [0, 0.5, 0.3],
        [0, 0, 0.6],
        [0.2, 0, 0],
    ]

    @Test func trafficEquations() {
        let lambda = Queueing.trafficRates(external: Self.external, routing: Self.routing)
        // Closed form: λ1 = (γ1 + 0.12 γ2) / 0.88, λ2 = γ2 + 0.5 λ1, λ3 = 0.3 λ1 + 0.6 λ2.
        let lambda1 = (1.0 + 0.12 * 0.5) / 0.88
        let lambda2 = 0.5 + 0.5 * lambda1
        let expected = [lambda1, lambda2, 0.3 * lambda1 + 0.6 * lambda2]
        for index in 0..<3 {
            #expect(abs(lambda[index] - expected[index]) < 1e-13)
            // Flow balance: arrivals into i equal γ_i plus the flows routed into i.
            let inflow = Self.external[index] + (0..<3).reduce(0) { $0 + lambda[$1] * Self.routing[$1][index] }
            #expect(abs(inflow - lambda[index]) < 1e-13)
        }
    }

    @Test func perStationWaitsAndSojournTime() throws {
        let lambda = Queueing.trafficRates(external: Self.external, routing: Self.routing)
        let gamma = Self.external.reduce(0, +)
        let analyticWaits = (0..<3).map {
            Queueing.mmcWait(arrivalRate: lambda[$0], serviceRate: Self.serviceRates[$0], servers: Self.servers[$0])
        }
        let analyticL = (0..<3).map {
            Queueing.mmcNumberInSystem(arrivalRate: lambda[$0], serviceRate: Self.serviceRates[$0], servers: Self.servers[$0])
        }
        let analyticSojourn = analyticL.reduce(0, +) / gamma
        for index in 0..<3 {
            #expect(lambda[index] / (Double(Self.servers[index]) * Self.serviceRates[index]) < 0.76)
        }
        // The values quoted in the documentation.
        for (value, quoted) in zip(analyticWaits + [analyticSojourn], [1.903_736, 1.847_619, 1.634_789, 5.966_925]) {
            #expect(abs(value - quoted) < 1e-6)
        }

        let stations = try (0..<3).map { index in
            StationSpec(
                servers: Self.servers[index],
                service: try .exponential(mean: 1 / Self.serviceRates[index]),
                externalInterarrival: Self.external[index] > 0 ? try .exponential(mean: 1 / Self.external[index]) : nil,
                routing: Self.routing[index])
        }
        let results = try runReplications(stations, master: 0x4A41_434B, count: 30, warmUp: 1_000, measured: 12_000)

        for index in 0..<3 {
            let station = results.map { $0.stations[index] }
            let name = "Jackson station \(index + 1)"
            let (wait, waitLine) = try validation("\(name) Wq", analytic: analyticWaits[index], replications: station.map(\.meanWait))
            #expect(wait.contains(analyticWaits[index]), "\(waitLine)")
            // The visit rate checks the routing itself.
            let (rate, rateLine) = try validation("\(name) visit rate", analytic: lambda[index], replications: station.map(\.throughput))
            #expect(rate.contains(lambda[index]), "\(rateLine)")
        }
        // Little's law: T = Σ L_i / γ from the time-average numbers in each station …
        let (little, littleLine) = try validation(
            "Jackson sojourn via Little (sum L_i / gamma)", analytic: analyticSojourn,
            replications: results.map { $0.stations.reduce(0) { $0 + $1.numberInSystem } / gamma })
        #expect(little.contains(analyticSojourn), "\(littleLine)")
        // … and measured directly, customer by customer, from entry to exit.
        let (direct, directLine) = try validation(
            "Jackson sojourn per customer (direct)", analytic: analyticSojourn, replications: results.map(\.meanSojourn))
        #expect(direct.contains(analyticSojourn), "\(directLine)")
    }
}
