import Foundation

/// Splits a byte stream into lines, reading until `read` returns nothing (a short read is not
/// the end). Handles LF and CRLF; a last line without a newline is still a line.
///
/// A line longer than `maxLength` is not kept: its bytes are dropped as they come, and it is
/// returned empty with `tooLong` set to its length, so one huge line cannot take the memory.
struct LineReader {
    /// One line: its 1-based number, its bytes without the line end, and, for a line over the
    /// limit, its length (its bytes are then empty).
    struct Line {
        var number: Int
        var bytes: [UInt8]
        var tooLong: Int?
    }

    private let read: (Int) -> [UInt8]
    private var buffer: [UInt8] = []
    private var start = 0
    private var finished = false
    private var lineNumber = 0
    private let chunkSize: Int
    private let maxLength: Int
    /// Bytes of an over-long line dropped so far.
    private var skipped = 0

    init(read: @escaping (Int) -> [UInt8], chunkSize: Int = 1 << 16, maxLength: Int = .max) {
        self.read = read
        self.chunkSize = chunkSize
        self.maxLength = maxLength
    }

    /// The index of the first line feed at or after `from`, found with `memchr`: lines of a
    /// replay are thousands of bytes long, and this runs for each of them.
    private func newline(from: Int) -> Int? {
        guard from < buffer.count else { return nil }
        return buffer.withUnsafeBytes { bytes -> Int? in
            guard let found = memchr(bytes.baseAddress! + from, 0x0A, bytes.count - from) else { return nil }
            return UnsafeRawPointer(found) - bytes.baseAddress!
        }
    }

    /// The next line.
    mutating func next() -> Line? {
        next(inputReady: { true }, beforeWaiting: {})
    }

    /// The same, for a caller that answers lines as they come (`triage --stream`): before any
    /// read that would have to wait for input, that is whenever `inputReady` says nothing is
    /// waiting, `beforeWaiting` runs, so the caller can answer the lines it already has.
    mutating func next<E: Error>(
        inputReady: () -> Bool, beforeWaiting: () throws(E) -> Void
    ) throws(E) -> Line? {
        while true {
            if let newline = newline(from: start) {
                var end = newline
                if end > start && buffer[end - 1] == 0x0D { end -= 1 }
                lineNumber += 1
                defer { start = newline + 1; skipped = 0 }
                if skipped > 0 || end - start > maxLength { return Line(number: lineNumber, bytes: [], tooLong: skipped + end - start) }
                return Line(number: lineNumber, bytes: Array(buffer[start..<end]), tooLong: nil)
            }
            if finished {
                guard start < buffer.count || skipped > 0 else { return nil }
                var line = Array(buffer[start...])
                if line.last == 0x0D { line.removeLast() }
                start = buffer.count
                lineNumber += 1
                defer { skipped = 0 }
                if skipped > 0 || line.count > maxLength { return Line(number: lineNumber, bytes: [], tooLong: skipped + line.count) }
                return Line(number: lineNumber, bytes: line, tooLong: nil)
            }
            if start > 0 {
                buffer.removeSubrange(0..<start)
                start = 0
            }
            if buffer.count > maxLength {
                // Over the limit and no line end yet: keep nothing of it.
                skipped += buffer.count
                buffer.removeAll(keepingCapacity: true)
            }
            if !inputReady() { try beforeWaiting() }
            let chunk = read(chunkSize)
            if chunk.isEmpty { finished = true } else { buffer.append(contentsOf: chunk) }
        }
    }
}
