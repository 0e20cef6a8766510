import Testing
@testable import ReliefEngine

@Suite("CSV parser")
struct CSVParserTests {
    static let helpdeskExport = """
        ticket_id,created_at,author_role,body,channel\r
        T-1001,2026-03-01T09:15:00+02:00,customer,"Tere! Arve on topelt, palun kontrollige.",email\r
        T-1002,2026-03-01T09:20:00+02:00,agent,"Vabandame. Kirjutasite: ""raha läks kaks korda"".\r
        Uurime asja.",chat\r
        T-1003,2026-03-01T10:00:00+02:00,customer,"The app says ""payment failed"", but I was charged €49.90",app\r
        \r
        T-1004,2026-03-02T08:00:00+02:00,customer,,phone\r
        T-1005,2026-03-02T08:05:00+02:00,customer,"Õnnetus: ühendus katkes
        kaks korda, šokk!",email
        """

    @Test("reads a helpdesk export with quoted commas, doubled quotes and line breaks")
    func helpdeskExport() {
        let records = CSVParser.parse(Self.helpdeskExport)
        #expect(records.map(\.fields.count) == [5, 5, 5, 5, 5, 5])
        #expect(records[0].fields == ["ticket_id", "created_at", "author_role", "body", "channel"])
        #expect(records[1].fields[3] == "Tere! Arve on topelt, palun kontrollige.")
        #expect(records[2].fields[3] == "Vabandame. Kirjutasite: \"raha läks kaks korda\".\r\nUurime asja.")
        #expect(records[2].fields[4] == "chat")
        #expect(records[3].fields[3] == "The app says \"payment failed\", but I was charged €49.90")
        #expect(records[4].fields == ["T-1004", "2026-03-02T08:00:00+02:00", "customer", "", "phone"])
        #expect(records[5].fields[3] == "Õnnetus: ühendus katkes\nkaks korda, šokk!")
        #expect(records.allSatisfy { $0.error == nil })
    }

    @Test("line numbers count physical lines, also after multi-line quoted fields and empty lines")
    func lineNumbers() {
        let records = CSVParser.parse(Self.helpdeskExport)
        // Header 1, T-1001 2, T-1002 spans 3–4, T-1003 5, empty line 6, T-1004 7, T-1005 8–9.
        #expect(records.map(\.line) == [1, 2, 3, 5, 7, 8])
    }

    @Test("LF, CRLF and a last line without a line end give the same records")
    func lineEndings() {
        let lf = CSVParser.parse("a,b\nc,d\n")
        let crlf = CSVParser.parse("a,b\r\nc,d\r\n")
        let noFinalEnd = CSVParser.parse("a,b\r\nc,d")
        let expected = [["a", "b"], ["c", "d"]]
        #expect(lf.map(\.fields) == expected)
        #expect(crlf.map(\.fields) == expected)
        #expect(noFinalEnd.map(\.fields) == expected)
        #expect(noFinalEnd.map(\.line) == [1, 2])
    }

    @Test("empty fields are kept; empty lines are skipped but counted")
    func emptyFieldsAndLines() {
        let records = CSVParser.parse("\n\r\na,,b\n,\n\n\"\"\n,x,\n\n")
        #expect(records.map(\.fields) == [["a", "", "b"], ["", ""], [""], ["", "x", ""]])
        #expect(records.map(\.line) == [3, 4, 6, 7])
    }

    @Test("a byte-order mark at the very start is dropped, one later is kept")
    func byteOrderMark() {
        let withMark = CSVParser.parse("\u{FEFF}ticket_id,body\nT-1,\u{FEFF}x\n")
        #expect(withMark[0].fields == ["ticket_id", "body"])
        #expect(withMark[1].fields == ["T-1", "\u{FEFF}x"])

        // A start that only looks like a mark is content.
        var parser = CSVParser()
        var records: [CSVRecord] = []
        parser.feed([0xEF, 0xBB]) { records.append($0) }
        parser.feed([UInt8(ascii: "a")]) { records.append($0) }
        parser.finish { records.append($0) }
        #expect(records.count == 1)
        #expect(records[0].fields == ["\u{FFFD}a"])
    }

    @Test("invalid UTF-8 marks its record with the line and byte column of the bad sequence; the rest is read")
    func invalidUTF8() {
        var parser = CSVParser()
        var records: [CSVRecord] = []
        // "a<FF>b,<C3>" then "õ" then a sequence cut by the end of the stream.
        parser.feed([0x61, 0xFF, 0x62, 0x2C, 0xC3, 0x0A, 0xC3, 0xB5, 0x0A, 0x78, 0xE2, 0x82]) { records.append($0) }
        parser.finish { records.append($0) }
        #expect(records.map(\.fields) == [["a\u{FFFD}b", "\u{FFFD}"], ["õ"], ["x\u{FFFD}"]])
        #expect(records.map(\.error?.line) == [1, nil, 3])
        #expect(records.map(\.error?.column) == [2, nil, 2])
        #expect(records[0].error?.message.contains("invalid UTF-8 (byte 0xFF)") == true)
        #expect(records[0].error?.message.contains("--encoding") == true)
    }

    @Test("a UTF-8 sequence cut by a chunk boundary is fine; one cut by a line end is an error on its own record")
    func utf8AcrossChunks() {
        var parser = CSVParser()
        var records: [CSVRecord] = []
        parser.feed([0x61, 0xC3]) { records.append($0) }
        parser.feed([0xB5, 0x2C, 0x62, 0xE2]) { records.append($0) }
        parser.feed([0x0A, 0x63, 0x0A]) { records.append($0) }
        parser.finish { records.append($0) }
        #expect(records.map(\.fields) == [["aõ", "b\u{FFFD}"], ["c"]])
        #expect(records.map(\.error?.column) == [6, nil])
    }

    @Test("overlong forms and surrogates are not UTF-8", arguments: [[0xC0, 0xAF], [0xE0, 0x80, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80]] as [[UInt8]])
    func strictUTF8(bytes: [UInt8]) {
        var parser = CSVParser()
        var records: [CSVRecord] = []
        parser.feed(bytes + [0x0A]) { records.append($0) }
        parser.finish { records.append($0) }
        #expect(records.first?.error?.column == 1)
    }

    @Test("the delimiter is found from the header line: comma, semicolon or tab, outside quotes")
    func delimiterDetection() {
        #expect(CSVParser.delimiter(ofHeader: Array("Pilet;Aeg;Autor;Sõnum\r\n1,2;3".utf8)) == UInt8(ascii: ";"))
        #expect(CSVParser.delimiter(ofHeader: Array("ticket_id,created_at,body\n".utf8)) == UInt8(ascii: ","))
        #expect(CSVParser.delimiter(ofHeader: Array("case\tat\ttext".utf8)) == 0x09)
        #expect(CSVParser.delimiter(ofHeader: Array("\"a;b;c\",d,e\n".utf8)) == UInt8(ascii: ","), "semicolons inside quotes do not count")
        #expect(CSVParser.delimiter(ofHeader: Array("case\n".utf8)) == UInt8(ascii: ","), "one column: comma")
    }

    @Test("a quote inside an unquoted field marks that record and parsing goes on")
    func strayQuote() {
        let records = CSVParser.parse("T-1,say 5\" screen,chat\nT-2,fine,email\n")
        #expect(records.count == 2)
        #expect(records[0].fields == ["T-1", "say 5\" screen", "chat"])
        #expect(records[0].error?.line == 1)
        #expect(records[0].error?.message.contains("quote") == true)
        #expect(records[1].fields == ["T-2", "fine", "email"])
        #expect(records[1].error == nil)
    }

    @Test("text after a closing quote marks that record and parsing goes on")
    func textAfterClosingQuote() {
        let records = CSVParser.parse("id,body\n\"T-1\"x,\"multi\nline\"oops,chat\nT-2,ok,app")
        #expect(records.count == 3)
        #expect(records[1].fields == ["T-1x", "multi\nline" + "oops", "chat"])
        // The first problem is reported, on the line where it is.
        #expect(records[1].error == CSVError(message: "text after the closing quote of a field", line: 2))
        #expect(records[2].fields == ["T-2", "ok", "app"])
        #expect(records[2].line == 4)
        #expect(records[2].error == nil)
    }

    @Test("an unterminated quote names the line where the quoted field started")
    func unterminatedQuote() {
        let records = CSVParser.parse("id,body\nT-1,ok\nT-2,\"never closed,\nstill open\n")
        #expect(records.count == 3)
        #expect(records[2].line == 3)
        #expect(records[2].fields == ["T-2", "never closed,\nstill open\n"])
        #expect(records[2].error?.line == 3)
        #expect(records[2].error?.message.contains("line 3") == true)
        #expect(records[0].error == nil && records[1].error == nil)
    }

    @Test("other delimiters work, and a comma is then ordinary text")
    func semicolonDelimiter() {
        var parser = CSVParser(delimiter: UInt8(ascii: ";"))
        var records: [CSVRecord] = []
        parser.feed(Array("T-1;1,5 eurot;\"a;b\"\n".utf8)) { records.append($0) }
        parser.finish { records.append($0) }
        #expect(records.map(\.fields) == [["T-1", "1,5 eurot", "a;b"]])
    }

    @Test("an error thrown by the callback stops feeding and reaches the caller")
    func callbackErrors() {
        struct Stop: Error {}
        var parser = CSVParser()
        var seen = 0
        #expect(throws: Stop.self) {
            try parser.feed(Array("a\nb\nc\n".utf8)) { _ in
                seen += 1
                if seen == 2 { throw Stop() }
            }
        }
        #expect(seen == 2)
    }

    // MARK: Chunking

    /// Samples that put awkward bytes at every position: `""`, CRLF, BOM, multi-byte
    /// letters, errors, and an unterminated quote at the end.
    static let chunkingSamples: [String] = [
        "\u{FEFF}" + helpdeskExport,
        "a,\"\"\"\"\r\n\"x\r\ny\",\"\"\r\nõ,š\"ž\r\n\"q\"w,e\r\n\r\n,\n",
        "\u{FEFF}\"unterminated\r\nõäöü",
        "\"\",\"\"\"\",\"\"\"\"\"\"\r\n🙂,e\u{301}\r",
        "only\rcr\rline\rends\r\"x\ry\"\r",
    ]

    @Test("feeding one byte at a time gives the same records as one call", arguments: chunkingSamples)
    func byteByByte(sample: String) {
        let expected = CSVParser.parse(sample)
        let bytes = Array(sample.utf8)
        var parser = CSVParser()
        var records: [CSVRecord] = []
        for byte in bytes { parser.feed([byte]) { records.append($0) } }
        parser.finish { records.append($0) }
        #expect(records == expected)
        #expect(!expected.isEmpty)
    }

    @Test("random chunk sizes give the same records as one call", arguments: chunkingSamples)
    func randomChunks(sample: String) {
        let expected = CSVParser.parse(sample)
        let bytes = Array(sample.utf8)
        var generator = SplitMix64(seed: UInt64(bytes.count))
        for _ in 0..<200 {
            var parser = CSVParser()
            var records: [CSVRecord] = []
            var start = 0
            while start < bytes.count {
                let end = min(bytes.count, start + Int(generator.next() % 9))
                parser.feed(Array(bytes[start..<end])) { records.append($0) }
                start = end
            }
            parser.finish { records.append($0) }
            #expect(records == expected)
        }
    }

    @Test("bare CR line ends count as lines, also inside quotes")
    func bareCR() {
        let records = CSVParser.parse("only\rcr\rline\rends\r\"x\ry\"\rz")
        #expect(records.map(\.fields) == [["only"], ["cr"], ["line"], ["ends"], ["x\ry"], ["z"]])
        #expect(records.map(\.line) == [1, 2, 3, 4, 5, 7])
    }

    @Test("a field over the limit is the record's error however the bytes are cut")
    func fieldLimitWhateverTheChunks() {
        // Found by FuzzCSV: the limit was checked only at the end of a field or of a chunk, so a
        // quote later in the same field was "the first problem" when the bytes came in one piece,
        // and the length when a chunk happened to end between the two.
        let bytes = Array("id,text\n1,abcdefghij\"k\n2,ok\n".utf8)
        func records(cutAt cut: Int?) -> [CSVRecord] {
            var parser = CSVParser(maxFieldBytes: 6)
            var records: [CSVRecord] = []
            if let cut { parser.feed(Array(bytes[..<cut])) { records.append($0) }; parser.feed(Array(bytes[cut...])) { records.append($0) } }
            else { parser.feed(bytes) { records.append($0) } }
            parser.finish { records.append($0) }
            return records
        }
        let whole = records(cutAt: nil)
        #expect(whole.map(\.error?.message) == [nil, "a field is longer than 6 bytes; the row was skipped", nil])
        for cut in 0...bytes.count { #expect(records(cutAt: cut) == whole, "cut at \(cut)") }
    }

    @Test("the parser keeps its field limit after finish")
    func fieldLimitAfterFinish() {
        var parser = CSVParser(maxFieldBytes: 3)
        var records: [CSVRecord] = []
        for _ in 0..<2 {
            parser.feed(Array("abcdef\n".utf8)) { records.append($0) }
            parser.finish { records.append($0) }
        }
        #expect(records.count == 2)
        #expect(records.allSatisfy { $0.error?.message == "a field is longer than 3 bytes; the row was skipped" && $0.fields == [""] })
    }

    @Test("the parser can be reused after finish, starting again at line 1")
    func reuseAfterFinish() {
        var parser = CSVParser()
        var records: [CSVRecord] = []
        parser.feed(Array("a\nb".utf8)) { records.append($0) }
        parser.finish { records.append($0) }
        parser.feed(Array("\u{FEFF}c\n".utf8)) { records.append($0) }
        parser.finish { records.append($0) }
        #expect(records.map(\.fields) == [["a"], ["b"], ["c"]])
        #expect(records.map(\.line) == [1, 2, 1])
    }
}
