/// How numbers appear in result files: the shortest text that reads back as the same Double
/// (Swift's `description`), so files are exact and identical across runs; empty for missing.
enum NumberFormat {
    static func cell(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "" }
        return value.description
    }

    static func hours(_ seconds: Double?) -> String { cell(seconds.map { $0 / 3600 }) }
}
