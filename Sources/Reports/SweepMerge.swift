internal import Foundation

/// Combines the shard folders of one sweep into its result files (`jtx merge`).
///
/// Every folder's manifest must have the same sweep digest, jtx version and shard count;
/// every shard 1…N must be present exactly once and hold all of its points. Otherwise nothing is
/// written and the error names what differs or what is missing.
public enum SweepMerge {
    @discardableResult
    public static func merge(_ shards: [SweepFolder], into output: SweepFolder) throws(OutputFolderError) -> SweepDocument {
        guard let first = shards.first else { throw OutputFolderError(.usage, "give at least one shard folder") }
        var manifests: [SweepManifest] = []
        for folder in shards { manifests.append(try folder.readManifest()) }
        var problems: [String] = []
        for (folder, manifest) in zip(shards, manifests).dropFirst() {
            let differences = manifest.differences(from: manifests[0], mine: folder.url.path, theirs: first.url.path, shard: false)
            problems += differences
        }
        guard problems.isEmpty else {
            throw OutputFolderError(.data, "the shards do not belong to one sweep:\n  " + problems.joined(separator: "\n  "))
        }
        let count = manifests[0].shard.count
        var byIndex: [Int: SweepFolder] = [:]
        for (folder, manifest) in zip(shards, manifests) {
            if let other = byIndex[manifest.shard.index] {
                problems.append("shard \(manifest.shard) is given twice: \(other.url.path) and \(folder.url.path)")
            }
            byIndex[manifest.shard.index] = folder
        }
        let missingShards = (1...count).filter { byIndex[$0] == nil }
        if !missingShards.isEmpty {
            problems.append("missing shard" + (missingShards.count > 1 ? "s " : " ") + missingShards.map { "\($0)/\(count)" }.joined(separator: ", "))
        }
        let sweep = manifests[0].sweep
        for index in 1...count {
            guard let folder = byIndex[index] else { continue }
            let shard = SweepShard(index: index, count: count)
            let missing = sweep.points.indices.filter { shard.contains(point: $0) && !folder.isComplete(point: $0) }
            if !missing.isEmpty {
                let listed = missing.prefix(20).map(String.init).joined(separator: ", ") + (missing.count > 20 ? ", …" : "")
                problems.append("shard \(shard) (\(folder.url.path)) is missing point" + (missing.count > 1 ? "s " : " ") + listed
                                + " (finish it with jtx sweep FILE --shard \(shard) --out \(folder.url.path) --resume)")
            }
        }
        guard problems.isEmpty else { throw OutputFolderError(.data, "cannot merge:\n  " + problems.joined(separator: "\n  ")) }
        return try SweepAssembler.assemble(sweep, jtxVersion: manifests[0].jtxVersion, into: output) { point in
            byIndex[point % count + 1] ?? first
        }
    }
}
