internal import ExerciseModel

/// References to the elements of the jurisdictional sections (and to channels).
extension ScenarioCompiler {
    /// The index of `reference` in `table`, or an "unknown <kind>" error with a did-you-mean,
    /// else the list of ids, else `fallback`.
    func lookup(_ reference: Located<String>, in table: IDTable, plural: String, fallback: String? = nil) -> Int? {
        if let index = table[reference.value] { return index }
        sink.error("unknown \(table.kind) '\(reference.value)'", at: reference.location,
                   hint: Suggestions.hint(for: reference.value, in: table.ids, fallback: Suggestions.list(plural, table.ids) ?? fallback))
        return nil
    }

    func offence(_ reference: Located<String>) -> Int? {
        lookup(reference, in: offences, plural: "offences", fallback: "list the offence ids under the top-level 'offences'")
    }

    func instrument(_ reference: Located<String>) -> Int? {
        lookup(reference, in: instruments, plural: "instruments", fallback: "declare it under 'instruments'")
    }

    func subject(_ reference: Located<String>) -> Int? {
        lookup(reference, in: subjects, plural: "subjects", fallback: "declare it under 'subjects'")
    }

    func channel(_ reference: Located<String>) -> Int? {
        lookup(reference, in: channels, plural: "channels", fallback: "declare it under 'channels'")
    }

    /// Two distinct jurisdictions (`between`), as indices; nil if either is unknown (reported).
    func jurisdictionPair(_ names: [Located<String>]?) -> (Int, Int)? {
        guard let names, names.count == 2 else { return nil }
        let first = jurisdictionIndex(names[0]), second = jurisdictionIndex(names[1])
        guard let first, let second else { return nil }
        return (first, second)
    }

    /// Resolves a list of offence ids to a set of indices; nil if any is unknown (reported).
    func offenceSet(_ references: [Located<String>]) -> Set<Int>? {
        resolve(references, offence).map(Set.init)
    }
}
