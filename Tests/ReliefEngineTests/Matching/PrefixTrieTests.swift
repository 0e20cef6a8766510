import Testing
@testable import ReliefEngine

/// The trie that checks a word against every prefix term at once must report exactly the
/// stored prefixes the word starts with, shortest first, as checking each prefix would.
@Suite("Prefix trie")
struct PrefixTrieTests {
    @Test("random prefixes of one to six letters, walked with random words, give what checking each prefix gives")
    func matchesBruteForce() {
        var generator = SplitMix64(seed: 0x7215)
        func word(_ length: Int) -> [UInt8] {
            // A small alphabet, so words share prefixes often.
            (0..<length).map { _ in UInt8(ascii: "a") + UInt8(generator.next() % 4) }
        }
        var prefixes: [[UInt8]] = []
        var seen = Set<[UInt8]>()
        for _ in 0..<120 {
            let p = word(1 + Int(generator.next() % 6))
            if seen.insert(p).inserted { prefixes.append(p) }
        }
        let trie = PrefixTrie(prefixes.enumerated().map { ($1, Int32($0)) })
        var buffer = [Int32](repeating: -1, count: trie.maxMatches + 1)
        trie.withWalker { walker in
            for _ in 0..<3_000 {
                let w = word(Int(generator.next() % 9))
                let expected = prefixes.enumerated()
                    .filter { w.count >= $1.count && Array(w[..<$1.count]) == $1 }
                    .sorted { $0.1.count < $1.1.count }
                    .map { Int32($0.0) }
                let n = w.withUnsafeBufferPointer { p in
                    buffer.withUnsafeMutableBufferPointer { walker.walk(p.baseAddress ?? UnsafePointer(bitPattern: 1)!, p.count, into: $0.baseAddress!) }
                }
                #expect(Array(buffer[..<n]) == expected, "\(String(decoding: w, as: UTF8.self))")
            }
        }
    }
}
