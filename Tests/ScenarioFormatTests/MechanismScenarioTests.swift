import Foundation
import Testing
@testable import ExerciseModel
@testable import ScenarioFormat

/// The mechanism fields (docs/mechanisms.md) read from the shipped scenarios, and the sweep
/// factor paths that switch them.
@Suite struct MechanismScenarioTests {
    static func shipped(_ name: String) throws -> Exercise {
        let path = Fixtures.packageRoot.appendingPathComponent("scenarios/\(name)").path
        do {
            return try ScenarioLoader.load(path: path).exercise
        } catch {
            throw FixtureFailure(description: error.rendered)
        }
    }

    @Test func listingsAndForcedInstruments() throws {
        let exercise = try Self.shipped("un-listing.yaml")
        let un = try #require(exercise.instruments.firstIndex { $0.id == "un-1267" })
        #expect(exercise.instruments[un].listing?.delisting != nil)
        #expect(exercise.instruments[un].fallback == exercise.instruments.firstIndex { $0.id == "mla" })
        let task = try #require(exercise.tasks.first { $0.id == "un-CAL" })
        #expect(task.instrument == un)
    }

    @Test func hubsAndJITChannels() throws {
        let fusion = try Self.shipped("fusion-centre.yaml")
        let ctfc = try #require(fusion.channels.first { $0.id == "ctfc" })
        #expect(ctfc.hub?.agency == fusion.agencies.firstIndex { $0.id == "IP-CTFC" })
        #expect(ctfc.hub?.enrichment == 0.6)
        let jit = try Self.shipped("jit-vs-eio.yaml")
        let direct = try #require(jit.channels.first { $0.id == "jit-direct" })
        #expect(direct.openedBy == jit.tasks.firstIndex { $0.id == "set-up-jit" })
        #expect(direct.carriesRequests)
    }

    @Test func agreementsFamiliarityObligationsClaims() throws {
        let treaties = try Self.shipped("bilateral-agreements.yaml")
        #expect(treaties.agreements.map(\.id) == ["ARC-BOR", "ARC-CAL", "ARC-DEL"])
        #expect(treaties.agreements[1].waivesDualCriminality)
        #expect(treaties.agreements[1].willingness == 0.9)
        #expect(treaties.agreements[0].channels == [treaties.channels.firstIndex { $0.id == "arc-bor-line" }!])
        let drill = try Self.shipped("regional-training.yaml")
        #expect(drill.familiarity.exercises.map(\.perYear) == [1])
        #expect(drill.familiarity.exercises[0].agencies.count == 8)
        let trail = try Self.shipped("public-private.yaml")
        let bank = try #require(trail.agencies.first { $0.id == "ARC-BANK" })
        #expect(abs((bank.obligations.first?.deadline ?? 0) - 30 * 86_400) < 1e-6)
        #expect(bank.obligations.first?.compliance == 0.95)
        let platform = try #require(trail.agencies.first { $0.id == "PLATFORM" })
        #expect(platform.obligations.first?.voluntaryProbability == 0.4)
        let claims = try Self.shipped("jurisdiction-disputes.yaml")
        let charge = try #require(claims.tasks.first { $0.id == "charge" })
        #expect(charge.claim?.jurisdictions == [0, 1])
        #expect(charge.claim?.rule == .custody(subject: 0))
    }

    @Test func mechanismFactorPaths() throws {
        let treaties = try Self.shipped("bilateral-agreements.yaml")
        #expect(SweepPaths.resolve("agreements.ARC-CAL.in-force", in: treaties) == .success(.agreementInForce(agreement: 1)))
        #expect(SweepPaths.resolve("jurisdictions.CAL.criminalises.money-laundering", in: treaties)
                == .success(.criminalises(jurisdiction: 2, offence: 2)))
        if case .failure(let error) = SweepPaths.resolve("agreements.ARC-CLA.in-force", in: treaties) {
            #expect(error.message == "unknown agreement 'ARC-CLA'")
            #expect(error.hint == "did you mean 'ARC-CAL'?")
            #expect(error.offset == 11)
        } else {
            Issue.record("an unknown agreement resolved")
        }
        let drill = try Self.shipped("regional-training.yaml")
        #expect(SweepPaths.resolve("joint-exercises.regional.per-year", in: drill) == .success(.jointExercises(entry: 0)))
        let trail = try Self.shipped("public-private.yaml")
        let fileSTR = try #require(trail.capabilities.firstIndex(of: "file-str"))
        #expect(SweepPaths.resolve("agencies.ARC-BANK.deadline.file-str", in: trail) == .success(.obligationDeadline(agency: 0, capability: fileSTR)))
        #expect(SweepPaths.resolve("channels.tftp.hub-work", in: trail) == .success(.channelHubWork(channel: 2)))
        if case .failure(let error) = SweepPaths.resolve("channels.egmont.hub-work", in: trail) {
            #expect(error.message == "channel 'egmont' has no hub whose work could be scaled")
        } else {
            Issue.record("a channel without a hub resolved hub-work")
        }
        let sealed = try Self.shipped("intelligence-sharing.yaml")
        #expect(SweepPaths.resolve("injects.TIP.originator-control", in: sealed) == .success(.injectOriginatorControl(inject: 0)))
        #expect(SweepPaths.resolve("channels.screening.in-service", in: sealed) == .success(.channelInService(channel: 2)))
    }
}
