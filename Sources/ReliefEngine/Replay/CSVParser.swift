/// A streaming RFC 4180 CSV parser for replaying exported helpdesk cases.
///
/// Bytes are fed in chunks of any size and split anywhere (inside `""`, between CR and LF,
/// inside a multi-byte UTF-8 character); records are handed to a callback as soon as they
/// are complete. Memory is bounded by the longest record, not by the file.
///
/// Malformed input never stops the stream: the record gets an `error`, the rest of it is
/// read leniently, and parsing resynchronises at the next line end outside quotes.
/// Empty lines are skipped. A UTF-8 byte-order mark at the very start is dropped.
public struct CSVParser {
    private enum State {
        /// At the start of a field (after a delimiter, or at the start of a record).
        case fieldStart
        /// Inside a field that did not start with a quote.
        case unquoted
        /// Inside a quoted field.
        case quoted
        /// Inside a quoted field, just after a quote: either the closing quote or half of `""`.
        case quoteInQuoted
        /// After a closing quote, in text that should not be there (already reported).
        case afterClosingQuote
    }

    private static let quote = UInt8(ascii: "\"")
    private static let cr = UInt8(ascii: "\r")
    private static let lf = UInt8(ascii: "\n")
    private static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    private let delimiter: UInt8
    private var state = State.fieldStart
    private var field: [UInt8] = []
    private var fields: [String] = []
    private var error: CSVError?
    /// Whether the current record has seen anything at all (an empty line has not).
    private var recordStarted = false
    private var recordLine = 1
    private var quoteLine = 1
    /// The current physical line.
    private var line = 1
    private var previousWasCR = false
    /// How many bytes of a leading byte-order mark have been matched, while still undecided.
    private var byteOrderMarkMatched = 0
    private var atStreamStart = true

    /// The longest field kept; a longer one makes its record an error, and its bytes are
    /// dropped as they come, so one huge field cannot take the memory.
    private let maxFieldBytes: Int
    private var fieldOverflowed = false
    private var utf8 = UTF8Check()

    /// A parser for `delimiter`-separated values (comma by default; `;` and tab also work).
    public init(delimiter: UInt8 = UInt8(ascii: ","), maxFieldBytes: Int = .max) {
        precondition(
            delimiter != Self.quote && delimiter != Self.cr && delimiter != Self.lf,
            "the delimiter cannot be a quote or a line end")
        self.delimiter = delimiter
        self.maxFieldBytes = maxFieldBytes
    }

    /// Drops the field's bytes once it is over the limit, noting the error once.
    private mutating func limitField() {
        guard field.count > maxFieldBytes else { return }
        if !fieldOverflowed { noteError("a field is longer than \(maxFieldBytes) bytes; the row was skipped", line: recordLine) }
        fieldOverflowed = true
        field.removeAll(keepingCapacity: false)
    }

    /// Parses the next chunk, calling `emit` for each record completed inside it.
    /// If `emit` throws, the error is passed on and the rest of this chunk is not read.
    public mutating func feed(_ chunk: UnsafeRawBufferPointer, _ emit: (CSVRecord) throws -> Void) rethrows {
        var bytes = chunk
        if atStreamStart {
            // Match a byte-order mark across chunks before anything else.
            var consumed = 0
            while consumed < bytes.count, byteOrderMarkMatched < 3,
                bytes[consumed] == Self.byteOrderMark[byteOrderMarkMatched]
            {
                byteOrderMarkMatched += 1
                consumed += 1
            }
            if byteOrderMarkMatched == 3 {
                atStreamStart = false
            } else if consumed == bytes.count {
                return  // Still a possible mark; wait for more bytes.
            } else {
                // Not a mark: the bytes matched so far are ordinary content.
                atStreamStart = false
                let partial = Array(Self.byteOrderMark[0..<byteOrderMarkMatched])
                try partial.withUnsafeBytes { try consumeChecked($0, emit) }
                // Bytes matched in this chunk were part of `partial`; skip them here.
            }
            bytes = UnsafeRawBufferPointer(rebasing: bytes[consumed...])
        }
        try consumeChecked(bytes, emit)
        limitField()
    }

    /// Parses bytes, checking that they are UTF-8 as they go: a bad byte makes its record an
    /// error naming its line and column. Parsing stops just before the byte where a sequence
    /// was found broken, so the error lands on the record that holds the sequence.
    private mutating func consumeChecked(_ bytes: UnsafeRawBufferPointer, _ emit: (CSVRecord) throws -> Void) rethrows {
        let typed = bytes.bindMemory(to: UInt8.self)
        var parsed = 0
        var scanned = 0
        while let failure = utf8.scan(typed, from: scanned) {
            try consume(UnsafeRawBufferPointer(rebasing: bytes[parsed..<failure.found]), emit)
            noteInvalidUTF8(failure)
            parsed = failure.found
            scanned = failure.resume
        }
        try consume(UnsafeRawBufferPointer(rebasing: bytes[parsed...]), emit)
    }

    private mutating func noteInvalidUTF8(_ failure: UTF8Check.Failure) {
        let hex = String(failure.byte, radix: 16, uppercase: true)
        noteError("invalid UTF-8 (byte 0x\(hex.count == 1 ? "0" : "")\(hex)); if the file is not UTF-8, name its encoding with --encoding (windows-1257, latin1)",
                  line: failure.line, column: failure.column)
    }

    /// Parses the next chunk, calling `emit` for each record completed inside it.
    public mutating func feed(_ chunk: [UInt8], _ emit: (CSVRecord) throws -> Void) rethrows {
        try chunk.withUnsafeBytes { try feed($0, emit) }
    }

    /// Ends the stream: emits the last record if it had no line end, and reports an
    /// unterminated quoted field. The parser is then ready for a new stream.
    public mutating func finish(_ emit: (CSVRecord) throws -> Void) rethrows {
        if atStreamStart, byteOrderMarkMatched > 0, byteOrderMarkMatched < 3 {
            atStreamStart = false
            let partial = Array(Self.byteOrderMark[0..<byteOrderMarkMatched])
            try partial.withUnsafeBytes { try consumeChecked($0, emit) }
        }
        if let failure = utf8.finish() { noteInvalidUTF8(failure) }
        if state == .quoted {
            noteError("quoted field starting on line \(quoteLine) is not closed", line: quoteLine)
        }
        let record: CSVRecord? = recordStarted ? endRecord() : nil
        self = CSVParser(delimiter: delimiter, maxFieldBytes: maxFieldBytes)
        if let record { try emit(record) }
    }

    /// The delimiter a header line uses: whichever of `,` `;` and tab occurs most often outside
    /// quotes in the first line (Excel in an Estonian locale writes `;`); `,` when none does.
    public static func delimiter(ofHeader bytes: [UInt8]) -> UInt8 {
        var counts: [UInt8: Int] = [:]
        var quoted = false
        for b in bytes {
            if b == quote { quoted.toggle(); continue }
            if !quoted && (b == lf || b == cr) { break }
            if !quoted && (b == UInt8(ascii: ",") || b == UInt8(ascii: ";") || b == 0x09) { counts[b, default: 0] += 1 }
        }
        let order: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), 0x09]
        return order.max { counts[$0, default: 0] < counts[$1, default: 0] || (counts[$0, default: 0] == counts[$1, default: 0] && order.firstIndex(of: $0)! > order.firstIndex(of: $1)!) }
            .flatMap { counts[$0, default: 0] > 0 ? $0 : nil } ?? UInt8(ascii: ",")
    }

    /// Parses a whole text at once; for tests and small inputs.
    public static func parse(_ text: String) -> [CSVRecord] {
        var parser = CSVParser()
        var records: [CSVRecord] = []
        parser.feed(Array(text.utf8)) { records.append($0) }
        parser.finish { records.append($0) }
        return records
    }

    // MARK: - Byte loop

    private mutating func consume(_ bytes: UnsafeRawBufferPointer, _ emit: (CSVRecord) throws -> Void) rethrows {
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
        let delimiter = self.delimiter
        let count = bytes.count
        var index = 0
        while index < count {
            // The limit is checked after every append, before the next byte is read, so a
            // field over it is the record's first error however the stream was cut into chunks.
            limitField()
            // Fast path: copy a run of ordinary bytes inside a field in one go.
            if state == .quoted || state == .unquoted {
                let runStart = index
                if state == .quoted {
                    while index < count {
                        let b = base[index]
                        if b == Self.quote || b == Self.cr || b == Self.lf { break }
                        index += 1
                    }
                } else {
                    while index < count {
                        let b = base[index]
                        if b == delimiter || b == Self.quote || b == Self.cr || b == Self.lf { break }
                        index += 1
                    }
                }
                if index > runStart {
                    field.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: index - runStart))
                    previousWasCR = false
                    limitField()
                    if index == count { break }
                }
            }
            let byte = base[index]
            index += 1

            // Physical line counting: CR, LF and CRLF each end one line, inside quotes too.
            let isLineEnd = byte == Self.lf || byte == Self.cr
            let continuesCRLF = byte == Self.lf && previousWasCR
            if isLineEnd, !continuesCRLF { line += 1 }
            previousWasCR = byte == Self.cr

            switch state {
            case .quoted:
                if byte == Self.quote {
                    state = .quoteInQuoted
                } else {
                    field.append(byte)
                }
                continue

            case .quoteInQuoted:
                if byte == Self.quote {
                    field.append(byte)  // `""` inside quotes is one quote
                    state = .quoted
                    continue
                }
                if byte != delimiter, !isLineEnd {
                    noteError("text after the closing quote of a field", line: line)
                    field.append(byte)
                    state = .afterClosingQuote
                    continue
                }

            case .fieldStart:
                if byte == Self.quote {
                    recordStart()
                    quoteLine = line
                    state = .quoted
                    continue
                }
                if !isLineEnd {
                    recordStart()
                    if byte != delimiter {
                        field.append(byte)
                        state = .unquoted
                        continue
                    }
                }

            case .unquoted:
                if byte == Self.quote {
                    noteError("quote inside a field that does not start with a quote", line: line)
                }
                if byte != delimiter, !isLineEnd {
                    field.append(byte)
                    continue
                }

            case .afterClosingQuote:
                if byte != delimiter, !isLineEnd {
                    field.append(byte)
                    continue
                }
            }

            // Only a delimiter or a line end outside quotes gets here.
            if byte == delimiter {
                endField()
                state = .fieldStart
            } else if recordStarted {
                let record = endRecord()
                try emit(record)
            }
            // A line end with nothing before it (an empty line, or the LF of a CRLF) is skipped.
        }
    }

    private mutating func recordStart() {
        if !recordStarted {
            recordStarted = true
            // The line end that ended the previous record was already counted,
            // so `line` is where this record's first byte is.
            recordLine = line
        }
    }

    private mutating func noteError(_ message: String, line: Int, column: Int? = nil) {
        if error == nil { error = CSVError(message: message, line: line, column: column) }
    }

    private mutating func endField() {
        limitField()
        fields.append(fieldOverflowed ? "" : String(decoding: field, as: UTF8.self))
        field.removeAll(keepingCapacity: true)
        fieldOverflowed = false
    }

    private mutating func endRecord() -> CSVRecord {
        endField()
        let record = CSVRecord(fields: fields, line: recordLine, error: error)
        fields.removeAll(keepingCapacity: true)
        error = nil
        recordStarted = false
        state = .fieldStart
        return record
    }
}
