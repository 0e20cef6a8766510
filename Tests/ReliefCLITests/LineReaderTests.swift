import Testing
@testable import ReliefCLI

/// The stream and replay read their input through `LineReader`: every line must come out once,
/// whole, numbered, whatever the read sizes and line ends.
@Suite("Line reader")
struct LineReaderTests {
    /// A reader over `text` whose reads return at most `chunk` bytes.
    func reader(_ text: String, chunk: Int) -> LineReader {
        let bytes = Array(text.utf8)
        nonisolated(unsafe) var offset = 0
        return LineReader(read: { max in
            let end = min(bytes.count, offset + min(max, chunk))
            defer { offset = end }
            return Array(bytes[offset..<end])
        }, chunkSize: chunk)
    }

    func lines(_ text: String, chunk: Int) -> [String] {
        var r = reader(text, chunk: chunk)
        var result: [String] = []
        while let (number, line) = r.next() {
            #expect(number == result.count + 1)
            result.append(String(decoding: line, as: UTF8.self))
        }
        return result
    }

    @Test("LF and CRLF line ends, empty lines and a last line without an end, at any read size",
          arguments: [1, 2, 3, 7, 64, 1 << 16])
    func splitsLines(chunk: Int) {
        let text = "first\r\nsecond\n\nTõnu ütleb: äö\r\n\r\nlast without end"
        #expect(lines(text, chunk: chunk) == ["first", "second", "", "Tõnu ütleb: äö", "", "last without end"])
        #expect(lines("", chunk: chunk) == [])
        #expect(lines("only\n", chunk: chunk) == ["only"])
    }

    @Test("before a read that would wait, the caller is told, with every line before it already returned")
    func beforeWaiting() {
        var r = reader("a\nb\nc", chunk: 3)
        var returned: [String] = []
        var seenAtWaits: [[String]] = []
        while let (_, line) = r.next(inputReady: { false }, beforeWaiting: { seenAtWaits.append(returned) }) {
            returned.append(String(decoding: line, as: UTF8.self))
        }
        #expect(returned == ["a", "b", "c"])
        // Reads get "a\nb", "\nc" and then the end: before each, the lines so far are out.
        #expect(seenAtWaits == [[], ["a"], ["a", "b"]])

        // Input that is always ready never makes the caller answer early.
        var ready = reader("a\nb\nc", chunk: 3)
        var waits = 0
        while ready.next(inputReady: { true }, beforeWaiting: { waits += 1 }) != nil {}
        #expect(waits == 0)
    }

    struct Stop: Error, Equatable {}

    @Test("an error thrown before a wait stops the reading and reaches the caller")
    func errorBeforeWaiting() {
        var r = reader("a\nb", chunk: 2)
        #expect(throws: Stop()) {
            while try r.next(inputReady: { false }, beforeWaiting: { () throws(Stop) in throw Stop() }) != nil {}
        }
    }
}
