/// Lists of indices stored end to end, with where each list starts (compressed sparse rows).
///
/// The event loop walks such lists while it changes the simulation's state. Walking an inner
/// array of an `[[Int32]]` there makes Swift retain and release that array around the loop,
/// and with several worker threads sharing the plan those reference counts bounce between
/// cores. Walking a range of positions and reading one element at a time needs neither.
struct FlatLists: Sendable {
    /// `starts[i] ..< starts[i + 1]` are the positions of list `i` in `items`.
    private let starts: [Int32]
    private let items: [Int32]

    init(_ lists: [[Int32]]) {
        var starts = [Int32](repeating: 0, count: lists.count + 1)
        var items: [Int32] = []
        items.reserveCapacity(lists.reduce(0) { $0 + $1.count })
        for (index, list) in lists.enumerated() {
            items.append(contentsOf: list)
            starts[index + 1] = Int32(items.count)
        }
        self.starts = starts
        self.items = items
    }

    /// The number of lists.
    var count: Int { starts.count - 1 }

    /// The positions of list `index`; read its members with `self[position]`.
    @inline(__always)
    func positions(of index: Int) -> Range<Int> { Int(starts[index])..<Int(starts[index + 1]) }

    /// The member at `position` (a position from `positions(of:)`).
    @inline(__always)
    subscript(position: Int) -> Int32 { items[position] }
}
