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

    @Test("a pending line is one that can be returned without reading more")
    func pendingLine() {
        var r = reader("a\nb\nc", chunk: 1 << 16)
        #expect(!r.hasPendingLine)          // nothing read yet
        _ = r.next()                        // reads everything, returns "a"
        #expect(r.hasPendingLine)           // "b" is whole
        _ = r.next()
        #expect(!r.hasPendingLine)          // "c" may still grow: the end has not been seen
        #expect(r.next().map { String(decoding: $0.1, as: UTF8.self) } == "c")
        #expect(!r.hasPendingLine)
        #expect(r.next() == nil)
    }
}
