// FuzzCaseDecoder: feeds arbitrary bytes through the case reader, both ways it reads: pulled
// straight from the bytes (as triage, the stream, replay and the desk read cases) and from a
// parsed tree (as a rules file's example cases are read). Beyond "no crash" it checks that
//   - both ways give the same case, or the same error at the same place;
//   - an error names its place (line and column from 1) and says what is wrong;
//   - a decoded case keeps the promises of the case format: a non-empty id, every time within
//     the years 0001–9998, language and statuses lower-cased, and the events of `events` in
//     time order when they all have one.

import Foundation
@testable import ReliefEngine

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCaseDecoder(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: size > 0 ? data : nil, count: size))
    let pulled = Result { () throws(CaseReadError) -> SupportCase in try CaseDecoder.decode(bytes: bytes) }
    let node: JSONNode
    do throws(JSONSyntaxError) {
        node = try JSONParser.parse(bytes)
    } catch {
        fuzzCheck(error.position.line >= 1 && error.position.column >= 1, "syntax error at \(error.position)")
        fuzzCheck(failure(pulled) == .syntax(error), "pulled from the bytes, \(shown(bytes)) gives \(String(describing: pulled)), not the parser's \(error)")
        return 0
    }
    let decoded: SupportCase
    do throws(CaseDecodingError) {
        decoded = try CaseDecoder.decode(node)
    } catch {
        fuzzCheck(error.position.line >= 1 && error.position.column >= 1, "case error at \(error.position): \(error.message)")
        fuzzCheck(!error.message.isEmpty, "a case error without a message for \(shown(bytes))")
        fuzzCheck(failure(pulled) == .field(error), "pulled from the bytes, \(shown(bytes)) gives \(String(describing: pulled)), not the tree's \(error)")
        return 0
    }
    fuzzCheck((try? pulled.get()).map(exactDescription) == exactDescription(decoded), "pulled from the bytes, \(shown(bytes)) reads differently from its tree")

    fuzzCheck(!decoded.id.isEmpty, "a case with an empty id from \(shown(bytes))")
    let earliest = Date(timeIntervalSince1970: Double(ISO8601.earliestSeconds))
    let latest = Date(timeIntervalSince1970: Double(ISO8601.latestSeconds))
    func inRange(_ date: Date?) -> Bool { date.map { $0 >= earliest && $0 < latest } ?? true }
    fuzzCheck(inRange(decoded.openedAt), "openedAt \(String(describing: decoded.openedAt)) is outside the years 0001–9998")
    for event in decoded.events {
        fuzzCheck(inRange(event.at), "an event at \(String(describing: event.at)) is outside the years 0001–9998")
        switch event.kind {
        case .message(_, _, _, let promise?):
            fuzzCheck(inRange(promise.due), "a promise due \(promise.due) is outside the years 0001–9998")
        case .status(let status):
            fuzzCheck(!status.isEmpty && status == status.lowercased(), "status \(shown(status)) is empty or not lower-cased")
        default:
            break
        }
    }
    if let language = decoded.customer.language {
        fuzzCheck(language == language.lowercased(), "language \(shown(language)) is not lower-cased")
    }
    // The events of `events` come after the one made of `text`, if any: in time order when all
    // have a time (a stable sort; those without keep their place).
    let hasText = node["text"]?.stringValue.map { !$0.isEmpty } ?? false
    let listed = Array(decoded.events.dropFirst(hasText ? 1 : 0))
    if listed.allSatisfy({ $0.at != nil }) {
        for i in listed.indices.dropFirst() {
            fuzzCheck(listed[i - 1].at! <= listed[i].at!, "events out of time order in \(shown(bytes))")
        }
    }
    // Reading is a function of the bytes.
    let again = try? CaseDecoder.decode(bytes: bytes)
    fuzzCheck(again.map(exactDescription) == exactDescription(decoded), "a second read of \(shown(bytes)) differs")
    return 0
}

private func failure<Success, Failure>(_ result: Result<Success, Failure>) -> Failure? {
    if case .failure(let error) = result { return error }
    return nil
}
