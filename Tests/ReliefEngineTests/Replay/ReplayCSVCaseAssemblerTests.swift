import Foundation
import Testing
@testable import ReliefEngine

@Suite("Replay CSV: rows to cases")
struct ReplayCSVCaseAssemblerTests {
    struct Outcome {
        var cases: [SupportCase] = []
        var errors: [CSVCaseAssembler.RowError] = []
        var early = 0
    }

    /// Parses `text` in small chunks (splitting quotes, CRLFs and UTF-8 sequences) and assembles it.
    func assemble(_ text: String, mapping: CSVColumnMapping = CSVColumnMapping(), roles: AuthorRoles = AuthorRoles(), hold: Int = 1000) -> Outcome {
        var parser = CSVParser()
        var assembler = CSVCaseAssembler(mapping: mapping, roles: roles, heldRowLimit: hold)
        var outcome = Outcome()
        func take(_ record: CSVRecord) {
            do { outcome.cases += try assembler.add(record) } catch { outcome.errors.append(error) }
        }
        let bytes = Array(text.utf8)
        var i = 0
        while i < bytes.count {
            parser.feed(Array(bytes[i..<min(i + 5, bytes.count)]), take)
            i += 5
        }
        parser.finish(take)
        outcome.cases += assembler.finish()
        outcome.early = assembler.casesReplayedEarly
        return outcome
    }

    func texts(_ c: SupportCase) -> [String] {
        c.events.compactMap { if case .message(_, let text, _, _) = $0.kind { return text } else { return nil } }
    }

    @Test("groups rows scattered through the file by case and orders each case by time")
    func grouping() {
        let csv = """
        ticket_id,created_at,author_role,body,channel
        T2,2026-03-02 10:00:00,end-user,second case,web
        T1,2026-03-01 12:00:00,end-user,later,email
        T2,2026-03-02 09:00:00,end-user,first of T2,web
        T1,2026-03-01 11:00:00,agent,reply,email
        T1,2026-03-01 10:00:00,end-user,earliest,email
        """
        let out = assemble(csv)
        #expect(out.errors.isEmpty)
        #expect(out.cases.map(\.id) == ["T2", "T1"])
        #expect(texts(out.cases[1]) == ["earliest", "reply", "later"])
        #expect(texts(out.cases[0]) == ["first of T2", "second case"])
        #expect(out.cases[1].channel == .email)
        if case .message(let from, _, _, _) = out.cases[1].events[1].kind { #expect(from == .agent) } else { Issue.record("not a message") }
        #expect(out.cases[1].events[0].at == ISO8601.parseTimestamp("2026-03-01T10:00:00Z"))
    }

    @Test("RFC 4180: a byte-order mark, CRLF, quoted commas, doubled quotes and line breaks inside quotes")
    func rfc4180() {
        let csv = "\u{FEFF}ticket_id,created_at,author_role,body,channel\r\n"
            + "Z1,2026-03-01 09:00:00,end-user,\"Hi, it says \"\"delivered\"\"\r\nbut it isn't.\",email\r\n"
            + "Z1,2026-03-01 10:00:00,agent,\"Sorry, checking\nnow.\",email\r\n"
        let out = assemble(csv)
        #expect(out.errors.isEmpty)
        #expect(out.cases.count == 1)
        #expect(texts(out.cases[0]) == ["Hi, it says \"delivered\"\r\nbut it isn't.", "Sorry, checking\nnow."])
    }

    @Test("--columns maps any header to a case field; unmapped fields fall back to the usual header names")
    func columns() throws {
        let mapping = try CSVColumnMapping.parse("case=Conversation,at=When,from=Who,text=Message,attributes.orderValue=Total")
        let csv = """
        Conversation,When,Who,Message,Total,Channel,Journey
        C9,2026-03-01T09:00:00Z,customer,hello,1200,chat,purchase
        """
        let out = assemble(csv, mapping: mapping)
        #expect(out.errors.isEmpty)
        let c = try #require(out.cases.first)
        #expect(c.id == "C9")
        #expect(c.channel == .chat)
        #expect(c.journey == .purchase)
        #expect(c.attributes["orderValue"] == .string("1200"))
        #expect(texts(c) == ["hello"])
    }

    @Test("mapping problems are refused with a message that names the field or header")
    func mappingErrors() {
        #expect(throws: CSVMappingError.self) { try CSVColumnMapping.parse("case") }
        #expect(throws: CSVMappingError.self) { try CSVColumnMapping.parse("kase=ticket") }
        #expect(throws: CSVMappingError.self) { try CSVColumnMapping.parse("case=a,case=b") }
        #expect(throws: CSVMappingError(message: "unknown case field 'cse' in --columns; did you mean 'case'? (known fields are "
            + CSVField.named.map(\.0).joined(separator: ", ") + " and attributes.NAME)")) { try CSVColumnMapping.parse("cse=ticket") }
        let out = assemble("a,b\n1,2\n", mapping: CSVColumnMapping())
        #expect(out.errors.count == 1)
        #expect(out.errors.first?.fatal == true)
        #expect(out.errors.first?.message.contains("no case id column") == true)
        let missing = assemble("ticket_id,body\n1,2\n", mapping: try! CSVColumnMapping.parse("at=created"))
        #expect(missing.errors.first?.message.contains("'created'") == true)
        #expect(missing.cases.isEmpty)
    }

    @Test("author roles map to customer, agent, bot and system; bot and system rows are skipped and counted; unknown roles are bad rows")
    func roles() {
        let csv = """
        case,from,text
        R,End-User,one
        R,requester,two
        R,Agent,three
        R,bot,four
        R,klient,five
        R,süsteem,six
        R,pigeon,seven
        """
        let out = assemble(csv)
        #expect(texts(out.cases[0]) == ["one", "two", "three", "five"])
        #expect(out.errors.map(\.line) == [8])
        #expect(out.errors.first?.field == "from")
        #expect(out.errors.first?.message.contains("--map from:pigeon=") == true)
        let custom = assemble(csv, roles: AuthorRoles(customer: ["end-user"], agent: ["bot", "agent"]))
        #expect(custom.errors.map(\.line) == [3, 6, 8])
        #expect(texts(custom.cases[0]) == ["one", "three", "four"])
    }

    @Test("--map turns a team's own words into roles, channels, journeys, stages and statuses")
    func valueMap() throws {
        let csv = """
        case,from,channel,journey,status,text
        M,kunde,kõnekeskus,kaebus,,the line was cut
        M,robot,kõnekeskus,,,auto reply
        M,kundeteenindus,veeb,,lahendatud,sorted
        """
        let values = try CSVValueMap.parse("from:kunde=customer, from:kundeteenindus=agent,channel:kõnekeskus=phone,journey:kaebus=complaint")
        var assembler = CSVCaseAssembler(values: values)
        var cases: [SupportCase] = []
        for record in CSVParser.parse(csv) { cases += (try? assembler.add(record)) ?? [] }
        cases += assembler.finish()
        let c = try #require(cases.first)
        #expect(c.channel == .phone)
        #expect(c.journey == .complaint)
        #expect(texts(c) == ["the line was cut", "sorted"])
        #expect(c.events.contains { if case .status("resolved") = $0.kind { return true }; return false })
        #expect(assembler.botRows == 1)
        // "veeb" is Estonian for the web: a built-in channel name.
        #expect(assembler.unknownChannelRows == 0)
    }

    @Test("--map refuses what it cannot map, naming the part")
    func valueMapErrors() {
        #expect(throws: CSVValueMap.Problem.self) { try CSVValueMap.parse("chanel:telefon=phone") }
        #expect((try? CSVValueMap.parse("chanel:telefon=phone")) == nil)
        do { _ = try CSVValueMap.parse("chanel:telefon=phone") } catch { #expect(error.message.contains("did you mean 'channel'")) }
        do { _ = try CSVValueMap.parse("channel:telefon=fax") } catch { #expect(error.message.contains("'fax' is not a channel")) }
        do { _ = try CSVValueMap.parse("from:robot=customer,from:robot=bot") } catch { #expect(error.message.contains("twice")) }
        do { _ = try CSVValueMap.parse("telefon=phone") } catch { #expect(error.message.contains("column:value=target")) }
    }

    @Test("a bad row is reported with its line and skipped; the rows around it still count")
    func badRows() {
        let csv = """
        case,at,from,text,channel
        A,2026-03-01 09:00:00,customer,fine,email
        A,yesterday,customer,bad time,email
        A,2026-03-01 10:00:00,customer,"unterminated
        B,2026-03-01 11:00:00,customer,too,many,fields
        B,2026-03-01 12:00:00,customer,bad channel,pigeon
        ,2026-03-01 13:00:00,customer,no case id,email
        B,2026-03-01 14:00:00,customer,fine too,email
        """
        let out = assemble(csv)
        #expect(out.errors.map(\.line) == [3, 4])
        #expect(out.errors[0].field == "at")
        // The unterminated quote swallows the rest of the file into one malformed record.
        #expect(out.cases.map(\.id) == ["A"])

        let csv2 = """
        case,at,from,text,channel
        A,2026-03-01 09:00:00,customer,fine,email
        B,2026-03-01 11:00:00,customer,too,many,fields
        B,2026-03-01 12:00:00,customer,bad channel,pigeon
        ,2026-03-01 13:00:00,customer,no case id,email
        B,2026-03-01 14:00:00,customer,fine too,email
        """
        let out2 = assemble(csv2)
        #expect(out2.errors.map(\.line) == [3, 5])
        #expect(out2.errors.map(\.field) == [nil, "case"])
        #expect(out2.cases.map(\.id) == ["A", "B"])
        // A channel Relief does not know keeps the customer's message, as channel `other`.
        #expect(texts(out2.cases[1]) == ["bad channel", "fine too"])
        #expect(out2.cases[1].events.first.map { if case .message(_, _, .other?, _) = $0.kind { return true }; return false } == true)
    }

    @Test("status and feedback columns become events; a row with only feedback is not a message")
    func statusAndFeedback() {
        let csv = """
        case,at,from,text,status,csat,nps
        F,2026-03-01 09:00:00,customer,help,,,
        F,2026-03-01 10:00:00,agent,done,Solved,,
        F,2026-03-01 11:00:00,customer,,,5,10
        """
        let out = assemble(csv)
        #expect(out.errors.isEmpty)
        let kinds = out.cases[0].events.map(\.kind)
        #expect(kinds.count == 4)
        #expect(kinds[2] == .status("solved"))
        #expect(kinds[3] == .feedback(Feedback(csat: 5, nps: 10, ces: nil)))
    }

    @Test("past the held-row limit the longest-idle case is replayed early, and a later row for it is refused")
    func heldRowLimit() {
        let csv = """
        case,text
        A,a1
        B,b1
        A,a2
        C,c1
        D,d1
        B,b2
        """
        let out = assemble(csv, hold: 3)
        // After C (4 rows held) B is the longest idle; after D, A.
        #expect(out.early == 2)
        #expect(out.cases.map(\.id) == ["B", "A", "C", "D"])
        #expect(out.errors.map(\.line) == [7])
        #expect(out.errors.first?.message.contains("already replayed") == true)
        #expect(texts(out.cases[1]) == ["a1", "a2"])
    }

    @Test("a file sorted by case never holds more than one case's rows")
    func sortedFileStaysSmall() {
        var csv = "case,text\n"
        for c in 0..<50 { for m in 0..<4 { csv += "K\(c),m\(m)\n" } }
        let out = assemble(csv, hold: 4)
        #expect(out.errors.isEmpty)
        #expect(out.cases.count == 50)
        #expect(out.cases.allSatisfy { $0.events.count == 4 })
    }

    @Test("the helpdesk export fixture gives the ten tickets with their customer rows in time order")
    func fixture() throws {
        let text = try String(contentsOf: ReplayTestSupport.repository.appendingPathComponent("Fixtures/histories/helpdesk-export.csv"), encoding: .utf8)
        let out = assemble(text, mapping: try CSVColumnMapping.parse("case=ticket_id,at=created_at,from=author_role,text=body,channel=channel"))
        #expect(out.errors.isEmpty)
        #expect(Set(out.cases.map(\.id)) == Set((1...10).map { "ZD-50\(String(format: "%02d", $0))" }))
        let z5 = try #require(out.cases.first { $0.id == "ZD-5005" })
        let times = z5.events.compactMap(\.at)
        #expect(times == times.sorted())
        #expect(z5.events.filter(\.isCustomerMessage).count == 3)
    }
}
