// FuzzCSV: feeds arbitrary bytes to the CSV reader, the column mapping and the case assembler,
// as `relief replay` reads a helpdesk export. The last eight bytes of the input choose the
// delimiter, a field limit, where the stream is cut into chunks, a column mapping (a fixed one,
// or the file's first line read as `--columns`) and how many rows may wait; the bytes before
// them are the file. Beyond "no crash" it checks that
//   - a mapping read from text names each field once, each with a header, and resolves to
//     columns of the header, the case id among them;
//   - the records do not depend on how the bytes are cut into chunks (CSVParser's promise:
//     "fed in chunks of any size and split anywhere"), nor on whether the parser already read
//     a stream before ("ready for a new stream" after finish); fields compared byte for byte;
//   - records start on increasing lines, and an error is never on a line before its record;
//   - assembling with a small limit on waiting rows keeps that limit after every row, hands out
//     each case once, and gives the same cases as an unlimited run when nothing was replayed
//     early; a case handed out early holds only events the unlimited run also has;
//   - each case's events are in time order when they all have a time.

import Foundation
@testable import ReliefEngine

private let mappings: [CSVColumnMapping] = [
    CSVColumnMapping(),
    try! CSVColumnMapping.parse("case=ticket_id,at=created_at,from=author_role,text=body,attributes.vip=vip"),
    try! CSVColumnMapping.parse("case=id,status=state,csat=score,opened=opened,tenure=months,language=lang"),
]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let all = UnsafeRawBufferPointer(start: size > 0 ? data : nil, count: size)
    let parameterCount = min(8, size)
    var parameters = FuzzInput(data.map { $0 + (size - parameterCount) }, parameterCount)
    let bytes = UnsafeRawBufferPointer(rebasing: all[0..<(size - parameterCount)])

    let delimiter = [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t"), UInt8(ascii: "|")][parameters.int(in: 0...3)]
    let limitChoice = parameters.int(in: 0...15)
    let maxFieldBytes = limitChoice == 0 ? Int.max : limitChoice * 3
    var cuts: [Int] = []
    for _ in 0..<parameters.int(in: 0...3) where bytes.count > 0 {
        cuts.append(parameters.int(in: 0...65_535) % (bytes.count + 1))
    }
    cuts.sort()
    let mappingChoice = parameters.int(in: 0...mappings.count)
    let heldRowLimit = parameters.int(in: 1...8)

    // `--columns` as typed: the file's first line read as a mapping, then resolved against the
    // header. A mapping names each field once, each with a header; a resolved one has the case
    // id and points into the header.
    let firstLineBytes = bytes.prefix(while: { $0 != 0x0A })
    let firstLine = String(decoding: firstLineBytes, as: UTF8.self)
    var typed: CSVColumnMapping?
    do throws(CSVMappingError) {
        let parsed = try CSVColumnMapping.parse(firstLine)
        fuzzCheck(Set(parsed.explicit.map(\.field)).count == parsed.explicit.count && parsed.explicit.allSatisfy { !$0.header.isEmpty },
                  "the mapping \(shown(firstLine)) names a field twice or without a header")
        typed = parsed
    } catch {
        fuzzCheck(!error.message.isEmpty, "a mapping error without a message")
    }
    let mapping = mappingChoice < mappings.count ? mappings[mappingChoice] : typed ?? mappings[0]
    // With the typed mapping, the file proper starts on the second line.
    let file = mappingChoice < mappings.count ? bytes
        : UnsafeRawBufferPointer(rebasing: bytes[min(bytes.count, firstLineBytes.count + 1)...])
    cuts = cuts.map { min($0, file.count) }

    // The same bytes, whole to a new parser, and in chunks to one that already read a stream.
    var fresh = CSVParser(delimiter: delimiter, maxFieldBytes: maxFieldBytes)
    let whole = records(file, cuts: [], &fresh)
    var reused = CSVParser(delimiter: delimiter, maxFieldBytes: maxFieldBytes)
    _ = records(file, cuts: [], &reused)
    let chunked = records(file, cuts: cuts, &reused)
    fuzzCheck(whole.count == chunked.count, "\(whole.count) records whole, \(chunked.count) in chunks cut at \(cuts)")
    for (a, b) in zip(whole, chunked) {
        fuzzCheck(a.fields.map { Array($0.utf8) } == b.fields.map { Array($0.utf8) } && a.line == b.line && a.error == b.error,
                  "a record differs when cut at \(cuts): \(a) / \(b)")
    }
    for (a, b) in zip(whole, whole.dropFirst()) {
        fuzzCheck(a.line < b.line, "records on lines \(a.line) then \(b.line)")
    }
    for record in whole {
        fuzzCheck(record.line >= 1 && record.error.map { $0.line >= record.line } ?? true, "record \(record)")
    }
    if let header = whole.first?.fields, let columns = try? mapping.resolve(header: header) {
        fuzzCheck(columns[.caseId] != nil && columns.values.allSatisfy { header.indices.contains($0) },
                  "the mapping resolved to columns outside the header: \(columns)")
    }

    let unlimited = assemble(whole, mapping: mapping, heldRowLimit: Int.max)
    let limited = assemble(whole, mapping: mapping, heldRowLimit: heldRowLimit)
    for cases in [unlimited.cases, limited.cases] {
        fuzzCheck(Set(cases.map(\.id)).count == cases.count, "a case handed out twice: \(cases.map(\.id))")
        for c in cases where c.events.allSatisfy({ $0.at != nil }) {
            for (a, b) in zip(c.events, c.events.dropFirst()) {
                fuzzCheck(a.at! <= b.at!, "case \(c.id) has its events out of time order")
            }
        }
    }
    fuzzCheck(unlimited.early == 0 && unlimited.late == 0, "an unlimited assembler replayed \(unlimited.early) cases early")
    fuzzCheck(limited.late == 0 || limited.early > 0, "\(limited.late) late rows without any case replayed early")
    fuzzCheck(Set(limited.cases.map(\.id)) == Set(unlimited.cases.map(\.id)), "the limit changed which cases there are")
    if limited.early == 0 {
        fuzzCheck(limited.cases.map(exactDescription) == unlimited.cases.map(exactDescription),
                  "with nothing replayed early, the limit changed the cases")
    } else {
        let full = Dictionary(unlimited.cases.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for c in limited.cases {
            var available = full[c.id]!.events.map(eventDescription)
            for event in c.events.map(eventDescription) {
                guard let index = available.firstIndex(of: event) else {
                    fuzzCheck(false, "case \(c.id), replayed early, has an event the whole file does not: \(event)")
                    return 0
                }
                available.remove(at: index)
            }
        }
    }
    return 0
}

private func records(_ file: UnsafeRawBufferPointer, cuts: [Int], _ parser: inout CSVParser) -> [CSVRecord] {
    var result: [CSVRecord] = []
    var start = 0
    for cut in cuts + [file.count] {
        parser.feed(UnsafeRawBufferPointer(rebasing: file[start..<cut])) { result.append($0) }
        start = cut
    }
    parser.finish { result.append($0) }
    return result
}

private struct Assembly {
    var cases: [SupportCase] = []
    var early = 0
    var late = 0
}

private func assemble(_ records: [CSVRecord], mapping: CSVColumnMapping, heldRowLimit: Int) -> Assembly {
    var assembler = CSVCaseAssembler(mapping: mapping, heldRowLimit: heldRowLimit)
    var result = Assembly()
    for record in records {
        do throws(CSVCaseAssembler.RowError) {
            result.cases += try assembler.add(record)
        } catch {
            fuzzCheck(!error.message.isEmpty, "a row error without a message")
            if error.fatal { break }
        }
        fuzzCheck(assembler.heldRows >= 0 && assembler.heldRows <= heldRowLimit,
                  "\(assembler.heldRows) rows held with a limit of \(heldRowLimit)")
    }
    result.cases += assembler.finish()
    result.early = assembler.casesReplayedEarly
    result.late = assembler.lateRows
    return result
}

private func eventDescription(_ event: CaseEvent) -> String {
    exactDescription(SupportCase(id: "", events: [event]))
}
