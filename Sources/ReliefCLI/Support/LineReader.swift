import Foundation

/// Splits a byte stream into lines, reading until `read` returns nothing (a short read is not
/// the end). Handles LF and CRLF; a last line without a newline is still a line.
struct LineReader {
    private let read: (Int) -> [UInt8]
    private var buffer: [UInt8] = []
    private var start = 0
    private var finished = false
    private var lineNumber = 0
    private let chunkSize: Int

    init(read: @escaping (Int) -> [UInt8], chunkSize: Int = 1 << 16) {
        self.read = read
        self.chunkSize = chunkSize
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

    /// The next line's 1-based number and bytes, without its line end.
    mutating func next() -> (Int, [UInt8])? {
        next(inputReady: { true }, beforeWaiting: {})
    }

    /// The same, for a caller that answers lines as they come (`triage --stream`): before any
    /// read that would have to wait for input, that is whenever `inputReady` says nothing is
    /// waiting, `beforeWaiting` runs, so the caller can answer the lines it already has.
    mutating func next<E: Error>(
        inputReady: () -> Bool, beforeWaiting: () throws(E) -> Void
    ) throws(E) -> (Int, [UInt8])? {
        while true {
            if let newline = newline(from: start) {
                var end = newline
                if end > start && buffer[end - 1] == 0x0D { end -= 1 }
                let line = Array(buffer[start..<end])
                start = newline + 1
                lineNumber += 1
                return (lineNumber, line)
            }
            if finished {
                guard start < buffer.count else { return nil }
                var line = Array(buffer[start...])
                if line.last == 0x0D { line.removeLast() }
                start = buffer.count
                lineNumber += 1
                return (lineNumber, line)
            }
            if start > 0 {
                buffer.removeSubrange(0..<start)
                start = 0
            }
            if !inputReady() { try beforeWaiting() }
            let chunk = read(chunkSize)
            if chunk.isEmpty { finished = true } else { buffer.append(contentsOf: chunk) }
        }
    }
}
