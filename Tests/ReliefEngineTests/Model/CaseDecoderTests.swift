import Foundation
import Testing
@testable import ReliefEngine

/// Bytes in, a case out, or an error that names the field and its line and column.
@Suite("Reading a case")
struct CaseDecoderTests {
    func read(_ json: String) throws(CaseReadError) -> SupportCase {
        try CaseDecoder.decode(bytes: Array(json.utf8))
    }

    func failure(_ json: String) -> CaseReadError? {
        do { _ = try read(json) } catch { return error }
        Issue.record("read without an error: \(json)")
        return nil
    }

    func fieldError(_ json: String) -> CaseDecodingError? {
        guard case .field(let error)? = failure(json) else { return nil }
        return error
    }

    @Test("every known field is read; the text is the first message, then the events in time order")
    func fullCase() throws {
        let c = try read("""
        {"id": "C-1", "openedAt": "2026-03-01T09:00:00Z", "channel": "Chat", "journey": "Complaint", "subject": "Arve",
         "customer": {"id": 42, "name": "Mari", "language": "ET", "tenureMonths": "18"},
         "attributes": {"plan": "gold", "amount": 120, "vip": true, "note": null, "items": [1, 2], "meta": {"a": 1}},
         "text": "Arve on vale",
         "events": [
           {"at": "2026-03-01T11:00:00Z", "status": "Pending"},
           {"at": "2026-03-01T10:00:00Z", "from": "agent", "text": "Vaatame", "promise": {"due": "2026-03-02T10:00:00Z", "what": "call"}},
           {"at": "2026-03-01T12:00:00Z", "csat": 4}
         ]}
        """)
        #expect(c.id == "C-1")
        #expect(c.channel == .chat)
        #expect(c.journey == .complaint)
        #expect(c.subject == "Arve")
        #expect(c.customer.id == "42")
        #expect(c.customer.language == "et")
        #expect(c.customer.tenureMonths == 18)
        #expect(c.attributes == ["plan": .string("gold"), "amount": .number(120), "vip": .bool(true), "note": .null])
        #expect(c.events.count == 4)
        guard c.events.count == 4 else { return }
        #expect(c.events[0].kind == .message(from: .customer, text: "Arve on vale", channel: .chat, promise: nil))
        #expect(c.events[1].kind == .message(from: .agent, text: "Vaatame", channel: nil,
                                            promise: Promise(due: ISO8601.parseTimestamp("2026-03-02T10:00:00Z")!, what: "call")))
        #expect(c.events[2].kind == .status("pending"))
        #expect(c.events[3].kind == .feedback(Feedback(csat: 4, nps: nil, ces: nil)))
    }

    @Test("members it does not know are skipped, however deep; the first copy of a known key counts")
    func unknownAndRepeated() throws {
        let c = try read(#"{"id": "A", "extra": {"deep": [1, {"x": [null, "y"]}]}, "id": "B", "text": "hi", "text": 5}"#)
        #expect(c.id == "A")
        #expect(c.events.count == 1)
        let attributes = try read(#"{"id": "A", "attributes": {"plan": "old", "plan": "new"}}"#)
        #expect(attributes.attributes["plan"] == .string("new"), "within attributes, a later key replaces an earlier one")
    }

    @Test("without a type, an event's keys tell what it is")
    func inferredTypes() throws {
        let c = try read(#"{"id": "A", "events": [{"from": "customer", "text": "x"}, {"status": "closed"}, {"nps": 9}]}"#)
        #expect(c.events.map(\.kind) == [
            .message(from: .customer, text: "x", channel: nil, promise: nil), .status("closed"), .feedback(Feedback(csat: nil, nps: 9, ces: nil)),
        ])
    }

    @Test("a field of the wrong kind names its path and where its value starts")
    func fieldErrors() {
        let wrongTime = fieldError("{\"id\": \"A\",\n \"events\": [{\"at\": \"2026-03-01T10:00:00Z\", \"text\": \"ok\"},\n  {\"at\": 5, \"text\": \"x\"}]}")
        #expect(wrongTime?.field == "events[1].at")
        #expect(wrongTime?.position == SourcePosition(line: 3, column: 10))
        #expect(wrongTime?.message == "\"at\" must be a string, found a number")

        let missingId = fieldError(#"  {"text": "hi"}"#)
        #expect(missingId?.field == "id")
        #expect(missingId?.position == SourcePosition(line: 1, column: 3))

        #expect(fieldError(#"{"id": "A", "customer": []}"#)?.message == "\"customer\" must be an object, found an array")
        #expect(fieldError(#"{"id": "A", "events": [3]}"#)?.field == "events[0]")
        #expect(fieldError(#"{"id": "A", "events": [{"text": "x", "promise": {"what": "call"}}]}"#)?.field == "events[0].promise.due")
        #expect(fieldError(#"[1, 2]"#)?.message == "a case must be a JSON object, found an array")
    }

    @Test("checks run in the case's order, not the text's: the id before the events, whatever comes first")
    func errorOrder() {
        #expect(fieldError(#"{"events": 5, "id": ""}"#)?.field == "id")
    }

    @Test("a syntax error anywhere comes before an error in a field")
    func syntaxFirst() {
        guard case .syntax(let error)? = failure(#"{"id": 5.5.5, "events": "x", "text": "unterminated}"#) else {
            Issue.record("expected a syntax error")
            return
        }
        #expect(error.position.line == 1)
        guard case .syntax? = failure(#"{"id": "", "extra": [1, 2,, 3]}"#) else {
            Issue.record("a bad unknown member is still a syntax error")
            return
        }
    }

    @Test("a case reads the same from its bytes and from its parsed tree", arguments: ["en-07-stranded-lisbon.json", "et-03-kaks-korda-kontolt.json"])
    func bytesAndTree(file: String) throws {
        let bytes = Array(try Data(contentsOf: FixtureCaseTests.directory.appendingPathComponent(file)))
        let pulled = try CaseDecoder.decode(bytes: bytes)
        let fromTree = try CaseDecoder.decode(JSONParser.parse(bytes))
        #expect(pulled == fromTree)
    }
}
