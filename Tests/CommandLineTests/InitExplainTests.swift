import Foundation
import Testing

/// `jtx init` writes scenarios that validate and run as written, refuses to overwrite, and
/// `jtx explain` names every agency and objective of the reference scenario.
@Suite struct InitExplainTests {
    static var jtx: URL { BuiltProducts.debugDirectory.appendingPathComponent("jtx") }

    func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("jtx-init-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test(arguments: ["quickstart", "grey-heron", "blank"])
    func everyTemplateValidatesAndRuns(template: String) throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let name = folder.appendingPathComponent("new/\(template)-copy").path
        let created = try BuiltProducts.run(Self.jtx, ["init", name, "--template", template])
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.stdout.contains("Created \(name).yaml"))
        #expect(created.stdout.contains("Next: jtx run \(name).yaml"))
        let scenario = try String(contentsOfFile: name + ".yaml", encoding: .utf8)
        #expect(scenario.hasPrefix("#"), "a commented scenario")
        let hasMSEL = FileManager.default.fileExists(atPath: name + "-msel.csv")
        #expect(hasMSEL == (template != "grey-heron"))
        if hasMSEL { #expect(scenario.contains("msel: \(template)-copy-msel.csv")) }

        let validated = try BuiltProducts.run(Self.jtx, ["validate", name + ".yaml"])
        #expect(validated.status == 0, "\(validated.stderr)")
        let out = folder.appendingPathComponent("results").path
        let ran = try BuiltProducts.run(Self.jtx, ["run", name + ".yaml", "-r", "5", "--out", out, "--quiet"])
        #expect(ran.status == 0, "\(ran.stderr)")
        #expect(FileManager.default.fileExists(atPath: out + "/summary.json"))
    }

    /// The grey-heron template is the shipped reference scenario, byte for byte.
    @Test func greyHeronTemplateIsTheShippedScenario() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let name = folder.appendingPathComponent("gh").path
        let created = try BuiltProducts.run(Self.jtx, ["init", name, "--template", "grey-heron"])
        #expect(created.status == 0, "\(created.stderr)")
        let written = try Data(contentsOf: URL(fileURLWithPath: name + ".yaml"))
        let shipped = try Data(contentsOf: BuiltProducts.packageRoot.appendingPathComponent("scenarios/grey-heron.yaml"))
        #expect(written == shipped, "Sources/jtx/InitTemplates.swift is out of step with scenarios/grey-heron.yaml")
    }

    @Test func initRefusesToOverwriteWithoutForce() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let name = folder.appendingPathComponent("kite").path
        try "keep me\n".write(toFile: name + "-msel.csv", atomically: true, encoding: .utf8)
        let refused = try BuiltProducts.run(Self.jtx, ["init", name])
        #expect(refused.status == 73)
        #expect(refused.stdout.isEmpty)
        #expect(refused.stderr.contains("already exists") && refused.stderr.contains("--force"))
        #expect(try String(contentsOfFile: name + "-msel.csv", encoding: .utf8) == "keep me\n")
        #expect(!FileManager.default.fileExists(atPath: name + ".yaml"), "nothing is written when one file exists")

        let forced = try BuiltProducts.run(Self.jtx, ["init", name + ".yaml", "--force"])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(try String(contentsOfFile: name + "-msel.csv", encoding: .utf8).hasPrefix("Number,Time"))
    }

    @Test func initRejectsAnUnknownTemplateAndABadName() throws {
        let template = try BuiltProducts.run(Self.jtx, ["init", "x", "--template", "grey-heorn"])
        #expect(template.status == 64)
        #expect(template.stderr.contains("grey-heron"))
        let name = try BuiltProducts.run(Self.jtx, ["init", "bad name!"])
        #expect(name.status == 64)
        #expect(name.stderr.contains("NAME"))
    }

    @Test func explainNamesEveryAgencyAndObjectiveOfGreyHeron() throws {
        let result = try BuiltProducts.run(Self.jtx, ["explain", "scenarios/grey-heron.yaml"])
        #expect(result.status == 0, "\(result.stderr)")
        let agencies = ["ARC-CT", "ARC-INT", "ARC-FIU", "ARC-PROS", "ARC-EOD", "BOR-POL", "BOR-INT", "BOR-FIU", "BOR-BANK",
                        "CAL-POL", "CAL-MOJ", "CAL-TEL", "DEL-FIU", "DEL-EXCH", "EUROPOL", "IPSG"]
        let objectives = ["freeze-before-wire", "alert-72h", "arrest-s1-30d", "evidence-180d", "disrupt-cell"]
        for id in agencies + objectives { #expect(result.stdout.contains(id), "explain does not name \(id)") }
        for section in ["Who is involved", "Channels", "Legal instruments", "Objectives", "Threat clock"] {
            #expect(result.stdout.contains(section))
        }
        // Instruments between states, the trigger and deadline of an objective, the lead.
        #expect(result.stdout.contains("eaw (European Arrest Warrant) between ARC, BOR"))
        #expect(result.stdout.contains("alert-72h: task issue-alert is done within 3.0 d of the completion of task open-case"))
        #expect(result.stdout.contains("Lead agency: ARC-CT."))
    }

    @Test func explainJSONListsTheSameThings() throws {
        let result = try BuiltProducts.run(Self.jtx, ["explain", "scenarios/grey-heron.yaml", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let places = try #require(object["jurisdictions"] as? [[String: Any]])
        let agencies = places.flatMap { ($0["agencies"] as? [[String: Any]]) ?? [] }.compactMap { $0["id"] as? String }
        #expect(agencies.count == 16)
        let objectives = try #require(object["objectives"] as? [[String: Any]])
        #expect(objectives.compactMap { $0["id"] as? String } == ["freeze-before-wire", "alert-72h", "arrest-s1-30d", "evidence-180d", "disrupt-cell"])
    }

    @Test func explainReportsAnInvalidScenarioOnStandardError() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("broken.yaml").path
        try "exercise:\n  name: x\n".write(toFile: path, atomically: true, encoding: .utf8)
        let result = try BuiltProducts.run(Self.jtx, ["explain", path])
        #expect(result.status == 65)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("error:"))
    }
}
