import Foundation
import Testing
import ExerciseModel

/// The fingerprint is word-wise FNV-1a with a rotation (values computed with the five-line Python
/// `s = rotl((s ^ w) * 0x100000001b3 mod 2^64, 29)` from 0xcbf29ce484222325, doubles as
/// `struct.unpack('<Q', struct.pack('<d', x))`), is one word of state (so feeding it in the event
/// loop cannot allocate), and changes when any field of an event changes.
@Suite struct FingerprintTests {
    @Test func isWordwiseFNV1aWithARotation() {
        var zero = Fingerprint()
        zero.add(UInt64(0))
        #expect(zero.value == 0x90C0_36FB_F5EC_77A9)
        var word = Fingerprint()
        word.add(UInt64(0x0123_4567_89AB_CDEF))
        #expect(word.value == 0x002C_1827_C590_6C76)
        var pair = Fingerprint()
        pair.add(1.5)
        pair.add(7)
        #expect(pair.value == 0x3AE9_4B95_5F82_A385)  // words: bits of 1.5, then 7
        #expect(Fingerprint().value == Fingerprint.offsetBasis)
    }

    @Test func isOneWordOfPlainState() {
        #expect(MemoryLayout<Fingerprint>.size == 8)
        #expect(_isPOD(Fingerprint.self))
    }

    @Test func hexIsSixteenDigitsAndReadsBack() {
        #expect(Fingerprint.hex(0xAB) == "00000000000000ab")
        #expect(Fingerprint.parse("00000000000000ab") == 0xAB)
        #expect(Fingerprint.parse("xyz") == nil)
        #expect(Fingerprint.parse("") == nil)
    }

    @Test func everyEventFieldCounts() {
        let base = TraceEvent(time: 3600, kind: .taskCompleted, agency: 1, peer: 2, task: 3, instance: 4, channel: 5, message: 6, inject: 7)
        var variants = [base]
        var e = base; e.time = 3600.000001; variants.append(e)
        e = base; e.kind = .taskStarted; variants.append(e)
        e = base; e.agency = 0; variants.append(e)
        e = base; e.peer = -1; variants.append(e)
        e = base; e.task = 30; variants.append(e)
        e = base; e.instance = 5; variants.append(e)
        e = base; e.channel = 4; variants.append(e)
        e = base; e.message = 60; variants.append(e)
        e = base; e.inject = -1; variants.append(e)
        let values = variants.map { event -> UInt64 in
            var fingerprint = Fingerprint()
            fingerprint.add(event)
            return fingerprint.value
        }
        #expect(Set(values).count == variants.count)
    }

    @Test func theRunsFingerprintDependsOnOrder() {
        #expect(Fingerprint.combine([1, 2]) != Fingerprint.combine([2, 1]))
        #expect(Fingerprint.combine([UInt64]()) == Fingerprint.offsetBasis)
    }
}
