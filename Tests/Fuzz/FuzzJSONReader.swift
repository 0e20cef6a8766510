// FuzzJSONReader: feeds arbitrary bytes to JSONParser, the JSON5 reader under rules files,
// cases and audit lines. Beyond "no crash" it checks that
//   - an error names a real place (line and column from 1) and says something;
//   - valid UTF-8 read through the String entry point gives the same result as the bytes;
//   - whatever it accepts, JSONWriter writes as JSON that it reads back to the same value:
//     writing, reading and writing again gives the same bytes, compact and pretty alike;
//   - skipping the value with the pull reader (as decoders skip what they do not know) accepts
//     and refuses exactly what building its tree does, with the same error;
//   - an audit summary reading it as a log line does not crash.

import Foundation
@testable import ReliefEngine

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONReader(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: size > 0 ? data : nil, count: size))
    let result = Result { () throws(JSONSyntaxError) -> JSONNode in try JSONParser.parse(bytes) }

    if isValidUTF8(bytes) {
        let text = String(decoding: bytes, as: UTF8.self)
        let viaString = Result { () throws(JSONSyntaxError) -> JSONNode in try JSONParser.parse(text) }
        switch (result, viaString) {
        case (.success(let a), .success(let b)):
            fuzzCheck(JSONWriter.write(a.json) == JSONWriter.write(b.json) && a.position == b.position,
                      "the String and byte entry points read \(shown(bytes)) differently")
        case (.failure(let a), .failure(let b)):
            fuzzCheck(a == b, "the String and byte entry points fail differently on \(shown(bytes)): \(a) / \(b)")
        default:
            fuzzCheck(false, "only one entry point accepts \(shown(bytes))")
        }
    }

    let skipped = bytes.withUnsafeBytes { raw in
        Result { () throws(JSONSyntaxError) in
            var reader = try JSONReader(raw)
            try reader.skipValue()
            try reader.finish()
        }
    }
    switch (result, skipped) {
    case (.success, .success): break
    case (.failure(let a), .failure(let b)): fuzzCheck(a == b, "skipping fails unlike reading on \(shown(bytes)): \(a) / \(b)")
    default: fuzzCheck(false, "only one of reading and skipping accepts \(shown(bytes))")
    }
    var summary = AuditSummary()
    _ = bytes.withUnsafeBytes { summary.add(line: $0) }

    switch result {
    case .failure(let error):
        fuzzCheck(error.position.line >= 1 && error.position.column >= 1, "error at \(error.position) for \(shown(bytes))")
        fuzzCheck(!error.message.isEmpty, "an error without a message for \(shown(bytes))")
    case .success(let node):
        fuzzCheck(node.position.line >= 1 && node.position.column >= 1, "value at \(node.position)")
        let written = JSONWriter.write(node.json)
        fuzzCheck(!written.utf8.contains(0x0A), "compact output has a line break: \(shown(written))")
        guard let reread = try? JSONParser.parse(written) else {
            fuzzCheck(false, "JSONWriter wrote \(shown(written)), which JSONParser refuses (input \(shown(bytes)))")
            return 0
        }
        let rewritten = JSONWriter.write(reread.json)
        fuzzCheck(rewritten == written, "write, read, write changed \(shown(written)) into \(shown(rewritten))")
        let pretty = JSONWriter.writePretty(node.json)
        guard let prettyRead = try? JSONParser.parse(pretty) else {
            fuzzCheck(false, "JSONWriter.writePretty wrote \(shown(pretty)), which JSONParser refuses")
            return 0
        }
        fuzzCheck(JSONWriter.write(prettyRead.json) == written, "the pretty form reads back as another value: \(shown(pretty))")
    }
    return 0
}
