import Testing
@testable import ReliefEngine

@Suite("JSON written member by member")
struct JSONStreamWriterTests {
    @Test("keys in sorted order, nested objects each in their own order, give JSONWriter's bytes")
    func sortedKeys() {
        var w = JSONStreamWriter([UInt8]())
        w.open()
        w.key("a"); w.open(); w.key("z"); w.int(1); w.close()
        w.key("b"); w.array([1, 2]) { w, n in w.open(); w.key("n"); w.int(n); w.close() }
        w.close()
        let tree: JSON = .object(["a": .object(["z": .int(1)]), "b": .array([.object(["n": .int(1)]), .object(["n": .int(2)])])])
        #expect(String(decoding: w.out, as: UTF8.self) == JSONWriter.write(tree))
    }

    #if DEBUG
    @Test("a key written out of order stops a debug build, so no output can drift from JSONWriter's order")
    func keyOutOfOrder() async {
        await #expect(processExitsWith: .failure) {
            var w = JSONStreamWriter([UInt8]())
            w.open()
            w.key("situation"); w.int(1)
            w.key("caseId"); w.int(2)
            w.close()
        }
    }
    #endif
}
