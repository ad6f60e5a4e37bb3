internal import Foundation
internal import Stochastics

/// What a distribution parameter holds.
enum ParameterKind {
    case duration, number, integer, durations, numbers, unit
}

/// The parameters a family accepts and which of them may be given without a name.
struct FamilySpec {
    let name: String
    let parameters: [(name: String, kind: ParameterKind)]
    /// Parameters that may be given positionally, in order.
    let positional: [String]
    let example: String

    static let all: [FamilySpec] = [
        FamilySpec(name: "constant", parameters: [("value", .duration)], positional: ["value"], example: "constant(4h)"),
        FamilySpec(name: "exponential", parameters: [("mean", .duration)], positional: ["mean"], example: "exponential(mean: 30m)"),
        FamilySpec(name: "normal", parameters: [("mean", .duration), ("sd", .duration), ("min", .duration)],
                   positional: ["mean", "sd"], example: "normal(mean: 2h, sd: 30m)"),
        FamilySpec(name: "lognormal", parameters: [("median", .duration), ("p95", .duration), ("p90", .duration),
                                                   ("mu", .number), ("sigma", .number), ("unit", .unit)],
                   positional: [], example: "lognormal(median: 2h, p95: 8h)"),
        FamilySpec(name: "gamma", parameters: [("shape", .number), ("scale", .duration)], positional: ["shape", "scale"],
                   example: "gamma(shape: 2, scale: 1h)"),
        FamilySpec(name: "erlang", parameters: [("k", .integer), ("mean", .duration)], positional: ["k", "mean"],
                   example: "erlang(k: 3, mean: 2h)"),
        FamilySpec(name: "weibull", parameters: [("shape", .number), ("scale", .duration)], positional: ["shape", "scale"],
                   example: "weibull(shape: 1.5, scale: 4h)"),
        FamilySpec(name: "uniform", parameters: [("min", .duration), ("max", .duration)], positional: ["min", "max"],
                   example: "uniform(1h, 3h)"),
        FamilySpec(name: "triangular", parameters: [("min", .duration), ("mode", .duration), ("max", .duration)],
                   positional: ["min", "mode", "max"], example: "triangular(1h, 3h, 12h)"),
        FamilySpec(name: "pert", parameters: [("min", .duration), ("mode", .duration), ("max", .duration)],
                   positional: ["min", "mode", "max"], example: "pert(1h, 3h, 12h)"),
        FamilySpec(name: "empirical", parameters: [("values", .durations), ("weights", .numbers), ("sample", .durations)],
                   positional: [], example: "empirical(values: [1h, 2h], weights: [0.4, 0.6])"),
    ]

    static func named(_ name: String) -> FamilySpec? { all.first { $0.name == name } }

    func kind(of parameter: String) -> ParameterKind? { parameters.first { $0.name == parameter }?.kind }
}

extension DistributionSyntax {
    /// Checks a parsed call against its family and calls the Stochastics factory (in seconds).
    static func build(_ call: Call) throws(SyntaxError) -> Distribution {
        let name = call.name.text
        guard let spec = FamilySpec.named(name) else {
            if ["bernoulli", "poisson"].contains(name) { throw notForDurations(name, offset: call.name.offset) }
            throw SyntaxError("unknown distribution '\(name)'",
                              hint: Suggestions.hint(for: name, in: families, fallback: "distributions are " + families.joined(separator: ", ")),
                              offset: call.name.offset)
        }
        let arguments = try Arguments(spec: spec, call: call)
        return try arguments.make()
    }
}

/// The arguments of one call, checked against the family: known names, no duplicates,
/// positional values only where allowed and before named ones.
struct Arguments {
    let spec: FamilySpec
    let call: Call
    private var values: [String: Argument] = [:]

    init(spec: FamilySpec, call: Call) throws(SyntaxError) {
        self.spec = spec
        self.call = call
        var positionalIndex = 0
        var sawNamed = false
        for argument in call.arguments {
            let name: String
            if let token = argument.name {
                sawNamed = true
                name = token.text
                guard spec.kind(of: name) != nil else {
                    let names = spec.parameters.map(\.name)
                    throw SyntaxError("unknown parameter '\(name)' for \(spec.name)",
                                      hint: Suggestions.hint(for: name, in: names, fallback: "\(spec.name) takes " + names.joined(separator: ", ")),
                                      offset: token.offset)
                }
            } else {
                let offset = argument.value.offset
                if spec.positional.isEmpty {
                    throw SyntaxError("\(spec.name) needs named parameters", hint: "e.g. \(spec.example)", offset: offset)
                }
                if sawNamed {
                    throw SyntaxError("a value without a name cannot follow named parameters", hint: "e.g. \(spec.example)", offset: offset)
                }
                guard positionalIndex < spec.positional.count else {
                    let count = spec.positional.count
                    throw SyntaxError("\(spec.name) takes at most \(count) value\(count == 1 ? "" : "s") without names",
                                      hint: "e.g. \(spec.example)", offset: offset)
                }
                name = spec.positional[positionalIndex]
                positionalIndex += 1
            }
            if values[name] != nil {
                throw SyntaxError("duplicate parameter '\(name)' for \(spec.name)", offset: argument.name?.offset ?? argument.value.offset)
            }
            values[name] = argument
        }
    }

    func has(_ name: String) -> Bool { values[name] != nil }

    /// Where the parameter is written (its name, or its value when positional).
    func offset(of name: String) -> Int? {
        guard let argument = values[name] else { return nil }
        return argument.name?.offset ?? argument.value.offset
    }

    func missing(_ name: String) -> SyntaxError {
        SyntaxError("\(spec.name) needs the parameter '\(name)'", hint: "e.g. \(spec.example)", offset: call.name.offset)
    }

    private func label(_ name: String) -> String { "parameter '\(name)' of \(spec.name)" }

    func duration(_ name: String) throws(SyntaxError) -> Double? {
        guard let argument = values[name] else { return nil }
        switch argument.value {
        case .list(_, let offset): throw SyntaxError("\(label(name)) needs one duration, found a list", offset: offset)
        case .word(let token): return try durationValue(token, name)
        }
    }

    func number(_ name: String) throws(SyntaxError) -> Double? {
        guard let argument = values[name] else { return nil }
        switch argument.value {
        case .list(_, let offset): throw SyntaxError("\(label(name)) needs one number, found a list", offset: offset)
        case .word(let token): return try numberValue(token, name)
        }
    }

    func integer(_ name: String) throws(SyntaxError) -> Int? {
        guard let argument = values[name], let value = try number(name) else { return nil }
        guard value == value.rounded(), abs(value) < 1e9 else {
            throw SyntaxError("\(label(name)) must be a whole number, found \(argument.value.text)", offset: argument.value.offset)
        }
        return Int(value)
    }

    func durations(_ name: String) throws(SyntaxError) -> [Double]? {
        guard let argument = values[name] else { return nil }
        guard case .list(let items, _) = argument.value else {
            throw SyntaxError("\(label(name)) needs a list, e.g. [1h, 2h]", offset: argument.value.offset)
        }
        var result: [Double] = []
        for item in items { result.append(try durationValue(item, name)) }
        return result
    }

    func numbers(_ name: String) throws(SyntaxError) -> [Double]? {
        guard let argument = values[name] else { return nil }
        guard case .list(let items, _) = argument.value else {
            throw SyntaxError("\(label(name)) needs a list, e.g. [0.4, 0.6]", offset: argument.value.offset)
        }
        var result: [Double] = []
        for item in items { result.append(try numberValue(item, name)) }
        return result
    }

    /// Seconds per unit of the `unit` parameter.
    func unit(_ name: String) throws(SyntaxError) -> Double? {
        guard let argument = values[name] else { return nil }
        guard case .word(let token) = argument.value, token.text.unicodeScalars.count == 1,
              let first = token.text.unicodeScalars.first, let seconds = DurationSyntax.units[first] else {
            throw SyntaxError("unknown unit '\(argument.value.text)' for \(spec.name)", hint: DurationSyntax.unitList,
                              offset: argument.value.offset)
        }
        return seconds
    }

    private func durationValue(_ token: Token, _ name: String) throws(SyntaxError) -> Double {
        if token.isName {
            throw SyntaxError("\(label(name)) needs a duration, found '\(token.text)'", hint: DurationSyntax.example, offset: token.offset)
        }
        if Double(token.text) != nil {
            throw SyntaxError("\(label(name)) needs a duration, found the number \(token.text)",
                              hint: "add a unit, e.g. \(token.text)h", offset: token.offset)
        }
        do {
            return try DurationSyntax.parse(token.text)
        } catch {
            var located = error
            located.offset += token.offset
            throw located
        }
    }

    private func numberValue(_ token: Token, _ name: String) throws(SyntaxError) -> Double {
        if !token.isName, let value = Double(token.text) { return value }
        if !token.isName, (try? DurationSyntax.parse(token.text)) != nil {
            throw SyntaxError("\(label(name)) is a plain number, found the duration \(token.text)", hint: "remove the unit",
                              offset: token.offset)
        }
        throw SyntaxError("\(label(name)) needs a number, found '\(token.text)'", offset: token.offset)
    }

    /// A `DistributionError` from a factory, pointed at the parameter it names.
    func located(_ error: DistributionError) -> SyntaxError {
        var parameter = error.parameter == "lower bound" ? "min" : error.parameter
        var offset = offset(of: parameter) ?? call.name.offset
        if let open = parameter.firstIndex(of: "["), let close = parameter.firstIndex(of: "]"),
           let index = Int(parameter[parameter.index(after: open)..<close]) {
            let base = String(parameter[..<open])
            if let argument = values[base], case .list(let items, _) = argument.value, index < items.count {
                offset = items[index].offset
            }
            parameter = base + parameter[open...]
        }
        let base = parameter.split(separator: "[").first.map(String.init) ?? parameter
        // Stochastics prints the values it compares (in seconds) as decimals, e.g. "3600.0".
        let scalars = Array(error.reason.unicodeScalars)
        let showsDecimal = scalars.indices.dropFirst().dropLast().contains {
            scalars[$0] == "." && DurationSyntax.isDigit(scalars[$0 - 1]) && DurationSyntax.isDigit(scalars[$0 + 1])
        }
        let inSeconds = [.duration, .durations].contains(spec.kind(of: base)) && showsDecimal
        return SyntaxError("\(error.distribution): parameter '\(parameter)' \(error.reason)",
                           hint: inSeconds ? "the numbers are in seconds" : nil, offset: offset)
    }
}

extension Argument.Value {
    var text: String {
        switch self {
        case .word(let token): return token.text
        case .list(let items, _): return "[" + items.map(\.text).joined(separator: ", ") + "]"
        }
    }
}
