import Testing
@testable import ReliefEngine

@Suite("Folded words as dictionary keys")
struct FoldedKeyTests {
    @Test("the same folded bytes are one key, in any script; different words are different keys")
    func keys() {
        var ids: [FoldedKey: Int] = [:]
        for (i, word) in ["сломал", "katki", "slomal", "сломала", "kõik"].enumerated() { ids[FoldedKey(word)] = i }
        #expect(ids.count == 5)
        #expect(ids[FoldedKey("сломал")] == 0)
        #expect(ids[FoldedKey(String("xсломал".dropFirst()))] == 0, "a string built another way")
        #expect(ids[FoldedKey("сломало")] == nil)
        #expect(FoldedKey("kõik") != FoldedKey("koik"), "bytes decide: folding is done before")
    }
}
