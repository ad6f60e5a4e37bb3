import Foundation
import Testing

/// `jtx schema` prints a JSON Schema that accepts every valid scenario and rejects some
/// invalid ones, checked with Python's `jsonschema` (draft 2020-12) and PyYAML.
@Suite struct SchemaTests {
    /// Validates the files given as `valid=PATH` / `invalid=PATH` against the schema in argv[1]
    /// and prints one line per file. PyYAML, like every standard YAML parser, reads `: ` inside
    /// an unquoted `exponential(mean: 5m)` as a mapping; jtx accepts that unquoted form, so the
    /// script quotes such calls first in fixtures. Shipped scenarios (`shipped=PATH`) must be
    /// standard YAML as they are, so editors read them: they are parsed untouched.
    /// Timestamps stay strings, as in the YAML language server.
    static let script = #"""
    import json, re, sys
    try:
        import jsonschema
    except ImportError:
        print("jsonschema is not installed: run `make deps`")
        sys.exit(3)
    import yaml

    class Loader(yaml.SafeLoader):
        pass
    Loader.yaml_implicit_resolvers = {
        key: [(tag, rx) for tag, rx in rules if tag != "tag:yaml.org,2002:timestamp"]
        for key, rules in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    CALL = re.compile(r"((?:^|[:\[{,-])[ \t]*)([a-z][a-z0-9_-]*\([^()\n]*\))", re.M)

    schema = json.load(open(sys.argv[1]))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    for argument in sys.argv[2:]:
        expectation, path = argument.split("=", 1)
        text = open(path).read()
        if expectation == "shipped":
            expectation = "valid"
        else:
            text = CALL.sub(lambda m: m.group(1) + json.dumps(m.group(2)), text)
        errors = sorted(validator.iter_errors(yaml.load(text, Loader=Loader)), key=lambda e: list(e.path))
        verdict = "valid" if not errors else "invalid"
        detail = "" if not errors else " (" + "/".join(map(str, errors[0].path)) + ": " + errors[0].message + ")"
        print(f"{expectation} {verdict} {path}{detail}")
    """#

    @Test func schemaAcceptsValidScenariosAndRejectsInvalidOnes() throws {
        let schema = try Command.run(Fixtures.jtx, ["schema"])
        #expect(schema.status == 0)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("jtx-schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let schemaFile = folder.appendingPathComponent("scenario.schema.json")
        try schema.stdout.write(to: schemaFile, atomically: true, encoding: .utf8)

        let shipped = Fixtures.yamlFiles(in: Fixtures.packageRoot.appendingPathComponent("scenarios"))
        let valid = Fixtures.yamlFiles(in: Fixtures.valid)
        let invalid = ["unknown-key-agency.yaml", "unknown-key-root.yaml", "invalid-agency-kind.yaml",
                       "invalid-core-capability.yaml", "duration-bare-number.yaml", "hours-invalid.yaml",
                       "instrument-invalid-values.yaml", "request-kind-invalid.yaml", "subject-itinerary-and-moves.yaml",
                       "effect-invalid.yaml", "cooperation-invalid.yaml", "probability-out-of-range.yaml", "holiday-invalid.yaml"].map { Fixtures.invalid.appendingPathComponent($0) }
        #expect(valid.count >= 2 && shipped.count >= 3)
        let arguments = ["-c", Self.script, schemaFile.path] + valid.map { "valid=\($0.path)" }
            + shipped.map { "shipped=\($0.path)" } + invalid.map { "invalid=\($0.path)" }
        let result = try Command.run(URL(fileURLWithPath: "/usr/bin/env"), ["python3"] + arguments)
        guard result.status != 3 else {
            Issue.record("python3 cannot import jsonschema: run `make deps` (\(result.stdout))")
            return
        }
        #expect(result.status == 0, "python3 failed: \(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == valid.count + shipped.count + invalid.count, "\(result.stdout)\(result.stderr)")
        for line in lines {
            #expect(line.hasPrefix("valid valid ") || line.hasPrefix("invalid invalid "), "\(line)")
        }
    }

    @Test func schemaIsSortedPrettyJSONWithTheDurationPattern() throws {
        let result = try Command.run(Fixtures.jtx, ["schema"])
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect(object?["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
        #expect(result.stdout.contains(#""pattern" : "^([0-9]+(\\.[0-9]+)?(s|m|h|d|w))+$""#))
        #expect(result.stdout.contains(#""additionalProperties" : false"#))
    }
}
