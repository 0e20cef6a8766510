import Foundation
import Testing
@testable import ReliefEngine

@Suite("JSON writer")
struct JSONWriterTests {
    @Test("compact output has no spaces and sorted keys")
    func compact() {
        let value: JSON = .object(["b": .array([.bool(true), .null]), "a": .int(1)])
        #expect(JSONWriter.write(value) == #"{"a":1,"b":[true,null]}"#)
        #expect(JSONWriter.write(.array([])) == "[]")
        #expect(JSONWriter.write(.object([:])) == "{}")
        #expect(JSONWriter.write(.string("")) == #""""#)
    }

    @Test("write(into:) appends to what is already there")
    func appends() {
        var line = "prefix "
        JSONWriter.write(.array([.int(1), .string("x")]), into: &line)
        #expect(line == #"prefix [1,"x"]"#)
    }

    @Test("quotes, backslashes and control characters are escaped; slash and non-ASCII are not")
    func escapes() {
        let text = "q\" b\\ n\n r\r t\t bs\u{8} ff\u{C} bell\u{7} nul\u{0} us\u{1F} / é 😀 \u{7F}"
        let expected = #""q\" b\\ n\n r\r t\t bs\b ff\f bell\u0007 nul\u0000 us\u001f / é 😀 "# + "\u{7F}\""
        #expect(JSONWriter.write(.string(text)) == expected)
        #expect(JSONWriter.write(.object(["k\"\n": .string("v")])) == #"{"k\"\n":"v"}"#)
    }

    @Test("compact output never contains a raw line break")
    func singleLine() {
        let value: JSON = .object([
            "notes": .array([.string("one\ntwo"), .string("three\r\nfour")]),
            "nested": .object(["deep": .object(["text": .string("\u{2028}\n")])]),
        ])
        let line = JSONWriter.write(value)
        #expect(!line.contains("\n"))
        #expect(!line.contains("\r"))
        #expect(!line.contains(" "))
    }

    @Test("keys are sorted by Unicode scalar order, whatever the insertion order")
    func sorting() {
        var forward: [String: JSON] = [:]
        var backward: [String: JSON] = [:]
        let keys = ["b", "a", "B", "é", "z", "aa", "", "_", "10", "9", "😀"]
        for (index, key) in keys.enumerated() { forward[key] = .int(index) }
        for (index, key) in keys.enumerated().reversed() { backward[key] = .int(index) }
        let written = JSONWriter.write(.object(forward))
        #expect(written == JSONWriter.write(.object(backward)))
        #expect(written == #"{"":6,"10":8,"9":9,"B":2,"_":7,"a":1,"aa":5,"b":0,"z":4,"é":3,"😀":10}"#)
    }

    @Test("numbers: integers as integers, integral doubles without a fraction, non-finite as null",
          arguments: [
              (JSON.int(-42), "-42"),
              (.int(Int.min), "-9223372036854775808"),
              (.double(2), "2"),
              (.double(-0.0), "0"),
              (.double(-3), "-3"),
              (.double(0.1), "0.1"),
              (.double(1.5), "1.5"),
              (.double(123456789.125), "123456789.125"),
              (.double(1e-7), "1e-07"),
              (.double(9e18), "9000000000000000000"),
              (.double(1e19), "1e+19"),
              (.double(-1e300), "-1e+300"),
              (.double(.infinity), "null"),
              (.double(-.infinity), "null"),
              (.double(.nan), "null"),
          ] as [(JSON, String)])
    func numbers(sample: (JSON, String)) throws {
        let written = JSONWriter.write(sample.0)
        #expect(written == sample.1)
        // Whatever is written must be strict JSON, readable by a plain JSON reader.
        let strict = try JSONSerialization.jsonObject(with: Data(written.utf8), options: [.fragmentsAllowed])
        if case .double(let d) = sample.0, d.isFinite {
            #expect((strict as? NSNumber)?.doubleValue == d)
        }
    }

    @Test("random doubles are written as valid JSON and read back exactly")
    func doubleRoundTrip() throws {
        var rng = SplitMix64(seed: 99)
        for _ in 0..<2000 {
            let d = Double(bitPattern: rng.next())
            let written = JSONWriter.write(.double(d))
            if !d.isFinite {
                #expect(written == "null")
                continue
            }
            #expect(!written.contains("inf") && !written.contains("nan") && !written.hasSuffix("."))
            #expect(try JSONParser.parse(written).numberValue == d, "written: \(written)")
        }
    }

    @Test("pretty output indents by two spaces and puts a space after the colon")
    func pretty() {
        let value: JSON = .object([
            "d": .array([]),
            "b": .array([.bool(true), .null]),
            "a": .int(1),
            "c": .object([:]),
            "e": .object(["y": .string("x\ny"), "x": .double(0.5)]),
        ])
        let expected = """
        {
          "a": 1,
          "b": [
            true,
            null
          ],
          "c": {},
          "d": [],
          "e": {
            "x": 0.5,
            "y": "x\\ny"
          }
        }
        """
        #expect(JSONWriter.writePretty(value) == expected)
        #expect(JSONWriter.writePretty(.string("s")) == #""s""#)
    }

    @Test("what the writer writes, the parser reads back unchanged")
    func roundTrip() throws {
        let value: JSON = .object([
            "id": .string("CASE-1 \"quoted\" \\ back\tslash\u{1}"),
            "priority": .int(3),
            "score": .double(0.25),
            "tags": .array([.string("vip"), .string("日本"), .null, .bool(false)]),
            "customer": .object(["name": .string("Zoë"), "nested": .array([.array([]), .object([:])])]),
        ])
        #expect(try JSONParser.parse(JSONWriter.write(value)).json == value)
        #expect(try JSONParser.parse(JSONWriter.writePretty(value)).json == value)
    }

    @Test("every byte that needs escaping is escaped wherever it sits in a long string")
    func escapesAtEveryPosition() {
        // A reference escaper, byte by byte, to compare the word-at-a-time scan against.
        func reference(_ s: String) -> String {
            var out = "\""
            for scalar in s.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                case "\u{8}": out += "\\b"
                case "\u{C}": out += "\\f"
                case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
                default: out.unicodeScalars.append(scalar)
                }
            }
            return out + "\""
        }
        let specials: [Character] = ["\"", "\\", "\n", "\u{1}", "\u{1F}", "\t", "õ", " ", "!", "#", "[", "]", "\u{7F}"]
        let filler = Array("abcdefghijklmnopqrstuvwxyz0123456789ÄÖÜ")
        for length in 0..<40 {
            for position in 0..<max(1, length) {
                for special in specials {
                    var characters = (0..<length).map { filler[($0 * 7) % filler.count] }
                    if length > 0 { characters[position] = special }
                    let text = String(characters)
                    #expect(JSONWriter.write(.string(text)) == reference(text), "\(text.debugDescription)")
                }
            }
        }
    }
}

@Suite("Byte sink")
struct ByteSinkTests {
    @Test("a sink that starts small grows and keeps every byte in order, like an array")
    func growsLikeAnArray() {
        let sink = ByteSink(capacity: 1)
        let sinkOutput = sink
        var array: [UInt8] = []
        var random = SplitMix64(seed: 5)
        for n in 0..<2_000 {
            if n % 3 == 0 {
                let byte = UInt8.random(in: 0...255, using: &random)
                sinkOutput.write(byte)
                array.write(byte)
            } else {
                let piece = (0..<Int.random(in: 0...300, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
                piece.withUnsafeBufferPointer { sinkOutput.write($0); array.write($0) }
            }
        }
        var copied: [UInt8] = [7]
        sink.append(to: &copied)
        #expect(copied == [7] + array)
        #expect(sink.count == array.count)
    }

    @Test("a sink's text is its bytes as UTF-8, Estonian letters included, and empty when nothing was written")
    func text() {
        let sink = ByteSink(capacity: 2)
        #expect(sink.string == "")
        var output = sink
        output.write("{\"nimi\":\"Tõnu Ärni\"}")
        #expect(sink.string == "{\"nimi\":\"Tõnu Ärni\"}")
    }
}
