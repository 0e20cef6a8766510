import Foundation
import Testing
@testable import ReliefEngine

@Suite("Audit verifier")
struct AuditVerifierTests {
    /// A 10-entry log in memory.
    static func tenEntries() throws -> [UInt8] {
        var chain = AuditChain()
        var bytes: [UInt8] = []
        try chain.seal((1...10).map { AuditChainTests.body($0) }, into: &bytes)
        return bytes
    }

    /// Seals a 10-entry log in memory, lets `tamper` rewrite its lines, and verifies the result.
    static func verifyTampered(_ tamper: (inout [String]) -> Void) throws -> AuditReport {
        var lines = AuditChainTests.lines(try tenEntries())
        #expect(lines.last == "")
        lines.removeLast()
        tamper(&lines)
        let text = lines.map { $0 + "\n" }.joined()
        return AuditVerifier.verify(bytes: Array(text.utf8))
    }

    @Test("an untouched log is intact")
    func intact() throws {
        let report = try Self.verifyTampered { _ in }
        #expect(report.isIntact)
        #expect(report.problem == nil)
        #expect(report.verifiedEntries == 10)
        #expect(report.lastSeq == 10)
        #expect(report.movedAsideTornLines == 0)
    }

    @Test("changing one byte of an entry's text is named edited, at that line")
    func edited() throws {
        let report = try Self.verifyTampered { lines in
            #expect(lines[3].contains("kaks korda"))
            lines[3] = lines[3].replacingOccurrences(of: "kaks korda", with: "kaks kordA")
        }
        let problem = try #require(report.problem)
        #expect(problem.kind == .edited)
        #expect(problem.line == 4)
        #expect(problem.seq == 4)
        #expect(report.verifiedEntries == 3)
    }

    @Test("deleting entry 5 is named deleted, at the line where entry 6 now stands")
    func deleted() throws {
        let report = try Self.verifyTampered { lines in lines.remove(at: 4) }
        let problem = try #require(report.problem)
        #expect(problem.kind == .deleted)
        #expect(problem.line == 5)
        #expect(problem.seq == 6)
        #expect(problem.expectedSeq == 5)
        #expect(problem.detail.contains("entry 5"))
    }

    @Test("deleting the first entries is named deleted at line 1")
    func deletedAtStart() throws {
        let report = try Self.verifyTampered { lines in lines.removeFirst(2) }
        #expect(report.problem?.kind == .deleted)
        #expect(report.problem?.line == 1)
        #expect(report.problem?.detail.contains("entries 1–2") == true)
    }

    @Test("a copy of entry 3 after entry 6 is named inserted, at the copy")
    func inserted() throws {
        let report = try Self.verifyTampered { lines in lines.insert(lines[2], at: 6) }
        let problem = try #require(report.problem)
        #expect(problem.kind == .inserted)
        #expect(problem.line == 7)
        #expect(problem.seq == 3)
        #expect(report.verifiedEntries == 6)
    }

    @Test("a copy of the last entry appended at the end is named inserted")
    func insertedAtEnd() throws {
        let report = try Self.verifyTampered { lines in lines.append(lines[9]) }
        #expect(report.problem?.kind == .inserted)
        #expect(report.problem?.line == 11)
    }

    @Test("a well-formed entry forged into the chain's place is named inserted")
    func forgedEntryTakingAPlace() throws {
        let report = try Self.verifyTampered { lines in
            // Built exactly like entry 5 would be, so it links to entry 4 perfectly.
            let four = AuditEntry(line: lines[3])!
            let forged = AuditEntry(seq: 5, prev: four.hash, body: ["text": .string("forged")])
            lines.insert(forged.line, at: 4)
        }
        let problem = try #require(report.problem)
        #expect(problem.kind == .inserted)
        #expect(problem.line == 5)
        #expect(problem.seq == 5)
    }

    @Test("a line that repeats a key is edited: relief reads the first, other readers the last")
    func repeatedKey() throws {
        // Found by FuzzAuditVerifier: the re-encoded form of such a line is the original, so it
        // verified as intact, while jq and most JSON libraries show the added value.
        let report = try Self.verifyTampered { lines in
            lines[3] = String(lines[3].dropLast()) + #","text":"forged"}"#
        }
        let problem = try #require(report.problem)
        #expect(problem.kind == .edited)
        #expect(problem.line == 4)
        #expect(report.verifiedEntries == 3)
    }

    @Test("a number too large for a double where null stood is edited, though it is written as null")
    func infiniteNumber() throws {
        var chain = AuditChain()
        var bytes: [UInt8] = []
        try chain.seal([["note": .null, "text": .string("a")], ["note": .null, "text": .string("b")]], into: &bytes)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(AuditVerifier.verify(bytes: bytes).isIntact)
        for number in ["1e400", "-1e999"] {
            let tampered = text.replacingOccurrences(of: #""note":null"#, with: #""note":"# + number)
            let report = AuditVerifier.verify(bytes: Array(tampered.utf8))
            #expect(report.problem?.kind == .edited, "\(number)")
            #expect(report.problem?.line == 1, "\(number)")
        }
    }

    @Test("swapping entries 4 and 5 is named reordered")
    func swapped() throws {
        let report = try Self.verifyTampered { lines in lines.swapAt(3, 4) }
        let problem = try #require(report.problem)
        #expect(problem.kind == .reordered)
        #expect(problem.line == 4)
        #expect(problem.seq == 5)
        #expect(problem.expectedSeq == 4)
    }

    @Test("moving an entry far down is named reordered, not deleted")
    func movedDown() throws {
        let report = try Self.verifyTampered { lines in
            let moved = lines.remove(at: 1)
            lines.insert(moved, at: 7)
        }
        #expect(report.problem?.kind == .reordered)
        #expect(report.problem?.line == 2)
    }

    @Test("cutting the last line in half is named torn")
    func torn() throws {
        var bytes = try Self.tenEntries()
        let lastLineStart = bytes.dropLast().lastIndex(of: 0x0A)! + 1
        bytes = Array(bytes.prefix(lastLineStart + (bytes.count - lastLineStart) / 2))

        let report = AuditVerifier.verify(bytes: bytes)
        let problem = try #require(report.problem)
        #expect(problem.kind == .torn)
        #expect(problem.line == 10)
        #expect(report.verifiedEntries == 9)
    }

    @Test("an unreadable last line with its line end is torn; one in the middle is malformed")
    func unreadableLines() throws {
        let atEnd = try Self.verifyTampered { lines in lines[9] = String(lines[9].prefix(40)) }
        #expect(atEnd.problem?.kind == .torn)
        #expect(atEnd.problem?.line == 10)

        let inMiddle = try Self.verifyTampered { lines in lines[4] = "not json at all" }
        #expect(inMiddle.problem?.kind == .malformed)
        #expect(inMiddle.problem?.line == 5)
    }

    @Test("an entry rewritten with a recomputed hash shows as a broken link at the next entry")
    func rewrittenWithNewHash() throws {
        let report = try Self.verifyTampered { lines in
            let original = AuditEntry(line: lines[4])!
            var body = original.body
            body["situation"] = .string("everyday")
            lines[4] = AuditEntry(seq: 5, prev: original.prev, body: body).line
        }
        let problem = try #require(report.problem)
        #expect(problem.kind == .brokenLink)
        #expect(problem.line == 6)
        #expect(problem.seq == 6)
    }

    @Test("re-spacing a line without changing its content still verifies")
    func reformattedLine() throws {
        let report = try Self.verifyTampered { lines in
            lines[2] = lines[2].replacingOccurrences(of: "\",\"", with: "\", \"")
        }
        #expect(report.isIntact)
        #expect(report.verifiedEntries == 10)
    }

    @Test("an empty log is intact")
    func empty() {
        let report = AuditVerifier.verify(bytes: [])
        #expect(report.isIntact)
        #expect(report.verifiedEntries == 0)
        #expect(report.lastHash == AuditEntry.firstPrev)
    }

    @Test("long lines are verified too")
    func longLines() throws {
        let big = String(repeating: "õ", count: 1_500_000)
        var chain = AuditChain()
        var bytes: [UInt8] = []
        try chain.seal([["text": .string(big)], ["text": .string("small")], ["text": .string(big + "!")]], into: &bytes)
        let report = AuditVerifier.verify(bytes: bytes)
        #expect(report.isIntact)
        #expect(report.verifiedEntries == 3)
    }
}
