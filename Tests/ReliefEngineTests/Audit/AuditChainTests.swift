import Foundation
import Testing
@testable import ReliefEngine

/// The chain in memory: bodies in, lines out, read back and verified without a file.
@Suite("Audit chain")
struct AuditChainTests {
    static func body(_ i: Int, writer: String = "test") -> [String: JSON] {
        [
            "case": .string("T-\(1000 + i)"),
            "situation": .string("elevated"),
            "text": .string("Klient kirjutas: \"raha läks kaks korda\" (\(i))"),
            "writer": .string(writer),
        ]
    }

    /// The lines of a log held in memory, without their line ends.
    static func lines(_ bytes: [UInt8]) -> [String] {
        String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// The entries of a log held in memory, up to the first line that is not one.
    static func entries(_ bytes: [UInt8]) -> [AuditEntry] {
        var entries: [AuditEntry] = []
        bytes.withUnsafeBytes { all in
            AuditLines.forEach(in: all) { line, _, _ in
                guard let entry = AuditTail.entry(Array(line)) else { return false }
                entries.append(entry)
                return true
            }
        }
        return entries
    }

    @Test("an entry's line is compact sorted JSON and its hash covers prev, a line break and the rest")
    func lineFormat() throws {
        var chain = AuditChain()
        var bytes: [UInt8] = []
        let entry = try chain.seal([["b": .int(1), "a": .string("x")]], into: &bytes)[0]
        // Expected hash computed with Python: sha256(64 zeros + "\n" + the line without "hash").
        let expectedHash = "4234b6a841c945c723a012b6960ba5b15925e283e075b93ce0c9e3885672969c"
        #expect(entry.hash == expectedHash)
        #expect(
            Self.lines(bytes) == [
                "{\"a\":\"x\",\"b\":1,\"hash\":\"\(expectedHash)\",\"prev\":\"\(AuditEntry.firstPrev)\",\"seq\":1}", "",
            ])
        #expect(chain.lastSeq == 1)
        #expect(chain.lastHash == expectedHash)
    }

    @Test("sealed batches form one chain that reads back and verifies")
    func roundTrip() throws {
        var chain = AuditChain()
        var bytes: [UInt8] = []
        let first = try chain.seal((1...3).map { Self.body($0) }, into: &bytes)
        let second = try chain.seal((4...5).map { Self.body($0) }, into: &bytes)
        #expect(first.map(\.seq) == [1, 2, 3])
        #expect(second.map(\.seq) == [4, 5])
        #expect(first[0].prev == AuditEntry.firstPrev)
        #expect(second[0].prev == first[2].hash)

        let read = Self.entries(bytes)
        #expect(read == first + second)
        #expect(read.allSatisfy { $0.hasValidHash })
        #expect(read[3].body == Self.body(4))

        let report = AuditVerifier.verify(bytes: bytes)
        #expect(report.isIntact)
        #expect(report.verifiedEntries == 5)
        #expect(report.lastSeq == 5)
        #expect(report.lastHash == second[1].hash)
    }

    @Test("a chain continued after a log's last entry, as read back, extends the same chain")
    func continuesAfterHead() throws {
        var chain = AuditChain()
        var bytes: [UInt8] = []
        try chain.seal((1...3).map { Self.body($0) }, into: &bytes)
        let last = try #require(Self.entries(bytes).last)
        var continued = AuditChain(after: last)
        let more = try continued.seal([Self.body(4)], into: &bytes)
        #expect(more[0].seq == 4)
        #expect(more[0].prev == last.hash)
        #expect(AuditVerifier.verify(bytes: bytes).verifiedEntries == 4)
    }

    @Test("bodies may not use the chain's own field names, and nothing is sealed then")
    func reservedKeys() throws {
        var chain = AuditChain()
        var bytes: [UInt8] = []
        let error = try #require(throws: AuditChainError.self) { try chain.seal([Self.body(1), ["seq": .int(7)]], into: &bytes) }
        #expect(error.reason == "the field name \"seq\" is reserved for the hash chain")
        #expect(bytes.isEmpty)
        #expect(chain.lastSeq == 0)
    }

    @Test("a keyed chain seals only bodies that say they are keyed, and verifies only with its key")
    func keyed() throws {
        let key = Array("0123456789abcdef0123456789abcdef".utf8)
        var chain = AuditChain(key: key)
        var bytes: [UInt8] = []
        let error = try #require(throws: AuditChainError.self) {
            try chain.seal([["chain": .string(AuditEntry.keyedChain), "a": .int(1)], ["a": .int(2)]], into: &bytes)
        }
        #expect(error.reason == "entry 2 of the batch does not say it is keyed (\"chain\": \"hmac-sha256\")")
        #expect(bytes.isEmpty)
        try chain.seal((1...3).map { ["chain": .string(AuditEntry.keyedChain), "a": .int($0)] }, into: &bytes)
        let proven = AuditVerifier.verify(bytes: bytes, key: key)
        #expect(proven.isIntact && proven.keyedEntries == 3 && proven.keyedEntriesProven == 3)
        let unproven = AuditVerifier.verify(bytes: bytes)
        #expect(unproven.isIntact && unproven.keyedEntries == 3 && unproven.keyedEntriesProven == 0)
        #expect(AuditVerifier.verify(bytes: bytes, key: Array("another key, 16 bytes or more".utf8)).problem?.kind == .edited)
    }
}

@Suite("A log's tail, from its bytes")
struct AuditTailTests {
    @Test("a file is a log when its first line is an entry")
    func firstLine() throws {
        var chain = AuditChain()
        var bytes: [UInt8] = []
        try chain.seal([AuditChainTests.body(1)], into: &bytes)
        #expect(AuditTail.entry(Array(bytes.dropLast()))?.seq == 1)
        for notAnEntry in ["two lines", "{\"a\": 1}", "{\"config\": true}", ""] {
            #expect(AuditTail.entry(Array(notAnEntry.utf8)) == nil, "\(notAnEntry)")
        }
    }

    @Test("an unfinished last line was cut off from a write only when it begins like an entry and is not some other whole value")
    func cutOff() throws {
        var chain = AuditChain()
        var bytes: [UInt8] = []
        try chain.seal([AuditChainTests.body(1)], into: &bytes)
        let whole = Array(bytes.dropLast())
        #expect(AuditTail.isCutOffEntry(whole), "a whole entry whose line end was lost")
        #expect(AuditTail.isCutOffEntry(Array(whole.prefix(40))))
        #expect(AuditTail.isCutOffEntry(Array("{\"seq\":1,\"pr".utf8)))
        #expect(AuditTail.isCutOffEntry([0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xC3]))  // cut inside "õ"
        #expect(!AuditTail.isCutOffEntry(Array("{\"a\": 1}".utf8)), "a whole value that is not an entry")
        #expect(!AuditTail.isCutOffEntry(Array("{\"a\":1}".utf8)))
        #expect(!AuditTail.isCutOffEntry(Array("of notes".utf8)))
        #expect(!AuditTail.isCutOffEntry(Array("\0\0\0\0".utf8)))
    }

    @Test("the recovery entry records the torn bytes' length and digest, where they went and when, keyed when the chain is")
    func recovery() throws {
        let torn = Array("{\"case\":\"T-1004\",\"situation\":\"ele".utf8)
        let time = Date(timeIntervalSince1970: 1_772_355_600)
        var chain = AuditChain()
        var bytes: [UInt8] = []
        try chain.seal([AuditTail.recovery(tornBytes: torn, movedTo: "/logs/audit.jsonl.torn", at: time, keyed: false)], into: &bytes)
        let entry = try #require(AuditChainTests.entries(bytes).first)
        #expect(entry.body["time"] == .string("2026-03-01T09:00:00Z"))
        guard case .object(let r)? = entry.body["recovery"] else { Issue.record("no recovery body"); return }
        #expect(r["tornBytes"] == .int(torn.count))
        #expect(r["tornSha256"] == .string(SHA256.hexDigest(torn)))
        #expect(r["movedTo"] == .string("/logs/audit.jsonl.torn"))
        #expect(entry.body["chain"] == nil)
        let keyed = AuditTail.recovery(tornBytes: torn, movedTo: "x", at: time, keyed: true)
        var keyedChain = AuditChain(key: Array("0123456789abcdef".utf8))
        var keyedBytes: [UInt8] = []
        try keyedChain.seal([keyed], into: &keyedBytes)
        #expect(AuditChainTests.entries(keyedBytes).first?.isKeyed == true)
    }

    @Test("lines are split at line ends; only the last may lack one, and a final line end starts no line")
    func lines() {
        func split(_ text: String) -> [String] {
            var out: [String] = []
            Array(text.utf8).withUnsafeBytes { all in
                AuditLines.forEach(in: all) { line, number, ends in
                    out.append("\(number):\(String(decoding: line, as: UTF8.self)):\(ends)")
                    return true
                }
            }
            return out
        }
        #expect(split("") == [])
        #expect(split("a\nb\n") == ["1:a:true", "2:b:true"])
        #expect(split("a\n\nb") == ["1:a:true", "2::true", "3:b:false"])
    }
}

@Suite("Sealing an audit entry")
struct AuditEntrySealingTests {
    @Test("the one-pass line and hash equal the entry's canonical form, whatever keys the body has")
    func sealedMatchesCanonical() throws {
        let bodies: [[String: JSON]] = [
            [:],
            ["actor": .string("mari"), "caseId": .string("T-1"), "situation": .string("crisis")],
            ["zeta": .int(1), "alpha": .array([.string("x"), .null]), "hat": .bool(true), "hasp": .double(0.5), "i": .object(["b": .int(2), "a": .int(1)])],
            ["text": .string("Tänan! \"quoted\"\nline"), "responses": .array([]), "rules": .object(["name": .string("r"), "version": .string("1")])],
            // Keys on both sides of each chain field, and right next to them.
            ["has": .int(1), "hasha": .int(2), "pre": .int(3), "prevx": .int(4), "sep": .int(5), "seqa": .int(6), "": .string("empty key"), "ž": .string("non-ASCII key")],
            ["override": .object(["reason": .string("Ülle\u{1}")]), "time": .string("2026-03-01T09:00:00Z")],
        ]
        for (index, body) in bodies.enumerated() {
            let prev = index == 0 ? AuditEntry.firstPrev : String(repeating: "ab", count: 32)
            var bytes: [UInt8] = []
            let hash = AuditEntry.sealed(seq: index + 1, prev: prev, body: try AuditBody(body), line: &bytes)
            let line = String(decoding: bytes, as: UTF8.self)
            let entry = AuditEntry(seq: index + 1, prev: prev, hash: hash, body: body)
            #expect(hash == AuditEntry.computeHash(seq: index + 1, prev: prev, body: body), "body \(index)")
            #expect(line == JSONWriter.write(entry.json), "body \(index)")
            #expect(entry.hasValidHash)
            #expect(AuditEntry(line: line) == entry)
        }
    }

    @Test("a body that names a chain field is refused, naming the field")
    func reservedKeys() {
        for key in ["hash", "prev", "seq"] {
            #expect(throws: AuditBodyError(key: key)) { try AuditBody(["actor": .string("mari"), key: .int(1)]) }
        }
    }
}
