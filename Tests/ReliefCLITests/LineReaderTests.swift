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
        while let next = r.next() {
            #expect(next.number == result.count + 1)
            result.append(String(decoding: next.bytes, as: UTF8.self))
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
        while let next = r.next(inputReady: { false }, beforeWaiting: { seenAtWaits.append(returned) }) {
            returned.append(String(decoding: next.bytes, as: UTF8.self))
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

    @Test("a line over the limit is dropped as it comes and reported with its length; the lines around it are kept",
          arguments: [1, 5, 64, 1 << 16])
    func tooLong(chunk: Int) {
        let long = String(repeating: "x", count: 1000)
        let text = "short\n" + long + "\nafter\n" + long
        var bytes = Array(text.utf8)[...]
        var r = LineReader(read: { max in
            let n = min(max, chunk, bytes.count)
            defer { bytes = bytes.dropFirst(n) }
            return Array(bytes.prefix(n))
        }, chunkSize: chunk, maxLength: 100)
        var got: [(Int, String, Int?)] = []
        while let next = r.next() { got.append((next.number, String(decoding: next.bytes, as: UTF8.self), next.tooLong)) }
        #expect(got.map(\.0) == [1, 2, 3, 4])
        #expect(got.map(\.1) == ["short", "", "after", ""])
        #expect(got.map(\.2) == [nil, 1000, nil, 1000])
    }
}
