internal import Stochastics

// Draws made on every event, without copies.
//
// `table[i].sample(streams[j])` copies the distribution out of its array (its payload and
// table) and retains the stream for the length of the call, because the event handlers mutate
// the simulation around these reads and the optimiser cannot see into another module's
// `sample`. Handing `Distribution.sample` the distribution's address and the stream unmanaged
// (the array keeps it alive for the call) copies and retains nothing. The bounds are checked
// here, since pointer arithmetic does not check them.

/// `distributions[index].sample(streams[stream])`, with both elements read in place.
@inline(__always)
func draw(_ distributions: [Distribution], _ index: Int, from streams: [RandomStream], _ stream: Int) -> Double {
    precondition(distributions.indices.contains(index) && streams.indices.contains(stream), "draw: index out of range")
    return distributions.withUnsafeBufferPointer { table in
        streams.withUnsafeBufferPointer { streams in
            Distribution.sample(table.baseAddress.unsafelyUnwrapped + index, from: .passUnretained(streams[stream]))
        }
    }
}
