import Foundation
import Testing
@testable import ReliefEngine

/// What the full path makes of `text`: the parser, then the case decoder; nil on any error.
private func fullDecode(_ text: String) -> SupportCase? {
    guard let node = try? JSONParser.parse(text) else { return nil }
    return try? CaseDecoder.decode(node)
}

private func lineDecode(_ text: String) -> SupportCase? {
    CaseLineDecoder.decode(Array(text.utf8))
}

private func repositoryRoot() -> URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
}

/// Every case line and case file the repository's fixtures hold, as text.
private func fixtureTexts() throws -> [String] {
    let root = repositoryRoot().appendingPathComponent("Fixtures")
    var texts: [String] = []
    for folder in ["cases", "histories"] {
        let directory = root.appendingPathComponent(folder)
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() {
            let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
            if name.hasSuffix(".json") { texts.append(text) }
            if name.hasSuffix(".jsonl") { texts += text.split(separator: "\n").map(String.init) }
        }
    }
    return texts
}

@Suite("Reading a case line straight from its bytes")
struct CaseLineDecoderTests {
    @Test("every well-formed fixture case is read by the shortcut, exactly as the full decoder reads it")
    func fixturesAgree() throws {
        let texts = try fixtureTexts()
        #expect(texts.count > 60)
        var taken = 0
        for text in texts {
            let full = fullDecode(text)
            let line = lineDecode(text)
            if let line {
                taken += 1
                #expect(line == full, "\(text.prefix(80))")
            }
            // A fixture the full decoder reads is plain JSON with known fields: the shortcut takes it too.
            if full != nil { #expect(line != nil, "shortcut refused: \(text.prefix(120))") }
        }
        #expect(taken > 60)
    }

    @Test("strict JSON with escapes, Unicode, nulls, unknown and nested fields gives the same case",
          arguments: [
              #"{"id":"A-1","text":"Tere!\nMu pakk \"ei\" jõudnud \u00e4ra \ud83d\ude00 \/ \\ \t \b \f \r"}"#,
              #"  {  "id" : "A-2" , "openedAt" : "2026-03-01T09:00:00Z" , "channel" : "EMAIL" , "journey":"Purchase","stage":"after" }  "#,
              #"{"id":"A-3","customer":{"id":"C-1","name":"Mari Tamm","segment":"Long-Time","language":"ET","tenureMonths":72.5,"extra":[1,{"a":null}]}}"#,
              #"{"id":"A-4","attributes":{"orderValue":1200,"vip":true,"note":"kiire","gone":null,"nested":{"x":[1,2]},"list":[1],"vip":false}}"#,
              #"{"id":"A-5","openedAt":"2026-03-01T09:00:00Z","events":[{"at":"2026-03-01T12:00:00Z","from":"agent","text":"Vaatame","promise":{"due":"2026-03-02T12:00:00+02:00","what":"tagasi helistada"}},{"at":"2026-03-01T10:00:00Z","text":"Kus mu pakk on?"},{"at":"2026-03-01T13:00:00Z","status":"Resolved"},{"at":"2026-03-01T14:00:00Z","csat":2,"nps":-1e0,"ces":0.5e1}]}"#,
              #"{"id":"A-6","text":"","subject":null,"customer":null,"attributes":null,"events":null,"channel":"","openedAt":""}"#,
              #"{"id":"A-7","events":[{"type":"MESSAGE","from":"Customer","text":"one","channel":"chat","promise":null},{"type":"status","status":"reopened","text":5,"promise":7},{"type":"feedback","csat":null}]}"#,
              #"{"id":"A-8","unknown":{"deep":[[[["x"]]]],"n":-0.000123,"b":false,"s":"õun"},"text":"Hello","openedAt":"2026-03-01t09:00:00.250z"}"#,
              #"{"id":"A-9","events":[{"at":"2026-03-01T10:00:00Z","from":"customer","text":"a"},{"from":"agent","text":"b"},{"at":"2026-03-01T09:00:00Z","text":"c"}]}"#,
              "{\"id\":\"A-10\",\"text\":\"tab\there and a control \u{01} byte, and a line separator \u{2028} too\"}\r",
              #"{"id":"A-11","text":"kätte","events":[],"customer":{},"attributes":{}}"#,
              #"{"id":"A-12","ünknown":"väli","text":"x"}"#,
              #"{"id":"A-13","text":"Maksin 40 € ja sain 🙂 asemel 😡, ӧ ߿ ࠀ ä̈ ퟿  𐀀 􏿿"}"#,
          ])
    func sameCase(_ text: String) throws {
        let full = try #require(fullDecode(text))
        let line = try #require(lineDecode(text), "the shortcut should read this line")
        #expect(line == full)
    }

    @Test("JSON5 and every kind of error are left to the full reader",
          arguments: [
              // JSON5 that the full reader accepts
              "{id:\"B-1\"}", "{'id':'B-2'}", "{\"id\":\"B-3\",}", "{\"id\":\"B-4\" /* c */}", "{\"id\":\"B-5\",\"attributes\":{\"n\":0x1F}}",
              "{\"id\":\"B-6\",\"attributes\":{\"n\":+1}}", "{\"id\":\"B-7\",\"attributes\":{\"n\":.5}}", "{\"id\":\"B-8\",\"text\":\"a\\x41\"}",
              "{\"id\":\"B-9\",\"text\":\"a\\\nb\"}", "\u{FEFF}{\"id\":\"B-10\"}", "{\"id\":\"B-11\",\"attributes\":{\"n\":Infinity}}",
              "{\"id\":7}", "{\"id\":\"B-13\",\"customer\":{\"id\":42}}", "{\"id\":\"B-14\",\"customer\":{\"tenureMonths\":\" 12 \"}}",
              "{\"id\":\"B-15\",\"attributes\":{\"n\":12345678901234567890}}", "{\"id\":\"B-16\",\"attributes\":{\"n\":1e40}}",
              "{\"id\":\"B-17\",\"openedAt\":\"2026-03-01T09:00:00\\u005A\"}", "{\"id\":\"B-18\",\"id\":\"again\"}",
              "{\"id\":\"B-19\",\"attributes\":{\"k\\u00e4\":1}}",
              // errors
              "{\"id\":\"\"}", "{\"text\":\"no id\"}", "[]", "{\"id\":\"C-3\",\"channel\":\"fax\"}", "{\"id\":\"C-4\",\"openedAt\":\"yesterday\"}",
              "{\"id\":\"C-5\",\"text\":\"\\ud800\"}", "{\"id\":\"C-6\",\"text\":\"\\q\"}", "{\"id\":\"C-7\",\"events\":[{\"type\":\"note\"}]}",
              "{\"id\":\"C-8\",\"events\":[{\"from\":\"bot\",\"text\":\"x\"}]}", "{\"id\":\"C-9\",\"events\":[{\"text\":\"x\",\"promise\":{\"what\":\"y\"}}]}",
              "{\"id\":\"C-10\",\"events\":[{\"status\":\"\"}]}", "{\"id\":\"C-11\",\"events\":[{}]}", "{\"id\":\"C-12\",\"events\":[1]}",
              "{\"id\":\"C-13\",\"events\":{}}", "{\"id\":\"C-14\",\"customer\":[]}", "{\"id\":\"C-15\",\"text\":1}",
              "{\"id\":\"C-16\"} x", "{\"id\":\"C-17\"", "{\"id\":\"C-18\",\"text\":\"a\nb\"}", "{\"id\":\"C-19\",\"n\":01}",
              "{\"id\":\"C-20\",\"n\":tru}", "{\"id\":\"C-21\",\"n\":nullx}", "{\"id\":\"C-22\",\"events\":[{\"text\":\"x\",\"promise\":5}]}",
              "{\"id\":\"C-23\",\"events\":[{\"csat\":\"five\"}]}", "{\"id\":\"C-24\",\"stage\":5}", "",
          ])
    func leftToFullReader(_ text: String) {
        #expect(lineDecode(text) == nil)
    }

    @Test("a line that is not valid UTF-8 is refused, wherever the bad byte is")
    func invalidUTF8() {
        for bad: [UInt8] in [[0xC3], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xC0, 0xAF], [0xF5, 0x80, 0x80, 0x80], [0xFF]] {
            for template in [#"{"id":"X","text":"a*b"}"#, #"{"id":"X","other":"*"}"#, #"{"id":"X","attributes":{"*":1}}"#, #"{"id":"X","o*":1}"#,
                             #"{"id":"X","text":"\n*"}"#] {
                var bytes: [UInt8] = []
                for b in template.utf8 { if b == UInt8(ascii: "*") { bytes += bad } else { bytes.append(b) } }
                #expect(CaseLineDecoder.decode(bytes) == nil, "\(bad) in \(template)")
                #expect((try? JSONParser.parse(bytes)) == nil)
            }
        }
    }

    @Test("damaged lines: whenever the shortcut still reads one, the full decoder reads the same case")
    func mutationsAgree() throws {
        let seeds = try fixtureTexts().filter { !$0.contains("\n") && lineDecode($0) != nil }
        #expect(seeds.count > 20)
        var random = SplitMix64(seed: 20261123)
        // Bytes that matter to JSON and to the fields, so damage often still parses.
        let alphabet = Array(#"{}[]:,"\ 0123456789.-+eEnulltruefalse/u00e4\u"#.utf8) + [0x0A, 0xC3, 0xA4, 0xE2, 0x80]
        var accepted = 0, checked = 0
        for round in 0..<6_000 {
            var bytes = Array(seeds[round % seeds.count].utf8)
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                let at = Int.random(in: 0..<bytes.count, using: &random)
                switch Int.random(in: 0...2, using: &random) {
                case 0: bytes[at] = alphabet.randomElement(using: &random)!
                case 1: bytes.remove(at: at)
                default: bytes.insert(alphabet.randomElement(using: &random)!, at: at)
                }
                if bytes.isEmpty { break }
            }
            checked += 1
            guard let line = CaseLineDecoder.decode(bytes) else { continue }
            accepted += 1
            let full = try? CaseDecoder.decode(JSONParser.parse(bytes))
            #expect(line == full, "\(String(decoding: bytes, as: UTF8.self))")
        }
        // Many damaged lines are still good cases (a changed letter in a message), so the
        // comparison above really runs.
        #expect(accepted > checked / 10)
    }
}
