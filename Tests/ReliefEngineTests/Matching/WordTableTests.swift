import Testing
@testable import ReliefEngine

/// The table behind whole-word matching: every word put in is found with its value, and a word
/// that was not put in is never found, whatever its length or how close it is to a stored one.
@Suite("Word table")
struct WordTableTests {
    @Test("stored words of every length from 1 to 40 are found; near misses and other lengths are not")
    func findsExactlyTheStoredWords() {
        var generator = SplitMix64(seed: 0x0057_0AD5)
        var words: [[UInt8]] = []
        for length in 1...40 {
            for _ in 0..<25 {
                words.append((0..<length).map { _ in UInt8(ascii: "a") + UInt8(generator.next() % 26) })
            }
        }
        // Unique words only, each with its own value.
        var seen = Set<[UInt8]>()
        words = words.filter { seen.insert($0).inserted }
        let table = WordTable(words.enumerated().map { ($1, Int32($0)) })
        table.withLookup { lookup in
            for (value, word) in words.enumerated() {
                word.withUnsafeBufferPointer { #expect(lookup.find($0.baseAddress!, $0.count) == Int32(value)) }
                // Change each byte in turn, and drop the last one: neither is stored.
                for position in word.indices {
                    var near = word
                    near[position] = near[position] == UInt8(ascii: "z") ? UInt8(ascii: "a") : near[position] + 1
                    if seen.contains(near) { continue }
                    near.withUnsafeBufferPointer { #expect(lookup.find($0.baseAddress!, $0.count) == -1) }
                }
                let shorter = Array(word.dropLast())
                if !shorter.isEmpty && !seen.contains(shorter) {
                    shorter.withUnsafeBufferPointer { #expect(lookup.find($0.baseAddress!, $0.count) == -1) }
                }
            }
        }
    }

    @Test("a word is found inside a longer buffer, reading nothing past its end")
    func findsWordsInsideABuffer() {
        let table = WordTable([(Array("katki".utf8), 7), (Array("ei".utf8), 3)])
        let text = Array("ei, see on katkine ja katki".utf8)
        text.withUnsafeBufferPointer { buffer in
            table.withLookup { lookup in
                #expect(lookup.find(buffer.baseAddress!, 2) == 3)
                #expect(lookup.find(buffer.baseAddress! + 11, 5) == 7)   // "katki" of "katkine"
                #expect(lookup.find(buffer.baseAddress! + 11, 7) == -1)  // "katkine"
                #expect(lookup.find(buffer.baseAddress! + 22, 5) == 7)
            }
        }
    }
}
