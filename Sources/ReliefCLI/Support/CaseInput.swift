import Foundation
import ReliefEngine

/// How CSV exports are read: which header fills which case field, which author roles are the
/// customer's and the agent's, and how many rows may wait for the rest of their case.
struct CSVOptions {
    var mapping: CSVColumnMapping
    var roles: AuthorRoles
    var holdRows: Int
    /// The team's own words for channels, roles, journeys and stages (`--map`).
    var values = CSVValueMap()
    /// `--delimiter`, else found from the header line.
    var delimiter: UInt8?
    var encoding = TextEncoding.utf8
    /// `--time-format` and the zone of times without an offset (`--tz`).
    var times = TimePattern.iso8601()
    /// Whether any option given applies only to CSV, so that reading JSON Lines with it can be flagged.
    var givenOptions: [String] = []

    /// The note for a JSON Lines file read with options that only CSV uses, which would
    /// otherwise be ignored without a word.
    func unusedOnJSONLines(file: String) -> String? {
        guard !givenOptions.isEmpty else { return nil }
        let names = givenOptions.map { "--" + $0 }.joined(separator: ", ")
        return "\(file): read as JSON Lines, so \(names) \(givenOptions.count == 1 ? "applies" : "apply") to CSV only and \(givenOptions.count == 1 ? "was" : "were") not used (--input csv reads it as CSV)"
    }

    /// The options every command that reads case files takes, in help order.
    static let specOptions: [CommandSpec.Option] = [
        .value("columns", "mapping", "CSV: which header fills which case field, e.g. case=ticket_id,at=created_at,from=author_role,text=body,channel=channel."),
        .value("customer-role", "roles", "CSV: comma-separated author roles that mean the customer (default: customer, end-user, requester, user, client, ...)."),
        .value("agent-role", "roles", "CSV: comma-separated author roles that mean an agent (default: agent, admin, staff, support, operator, ...)."),
        .value("hold-rows", "count", "CSV: at most this many rows wait for the rest of their case (default: 100000); see docs/replay.md."),
        .value("delimiter", "char", "CSV: the field separator: ',', ';', tab (or 'tab'); default: found from the header line."),
        .value("encoding", "name", "CSV: utf-8 (default), windows-1257 (Excel in an Estonian locale) or latin1."),
        .value("time-format", "pattern", "CSV: how times are written, e.g. 'dd.MM.yyyy HH:mm[:ss]' (default: iso8601); see docs/replay.md."),
        .value("map", "values", "CSV: the team's words for values, e.g. channel:telefon=phone,from:klient=customer,from:robot=bot."),
        ZoneOption.option,
        .value("input", "format", "Read every input as jsonl or csv (default: by file extension, else by the first byte)."),
    ]

    /// The CSV options and the forced input format given on a command line.
    static func parse(_ args: ParsedArguments, _ env: CLIEnvironment, command: String) throws(CLIError) -> (CSVOptions, CaseInput.Format?) {
        func usage(_ m: String) -> CLIError { .usage(m, command: command) }
        let inputFormat: CaseInput.Format? = try args.choice("input", command: command)
        var holdRows = CSVCaseAssembler.defaultHeldRowLimit
        if let text = args.value("hold-rows") {
            guard let n = Int(text), n > 0 else { throw usage("--hold-rows must be a positive whole number, found '\(text)'") }
            holdRows = n
        }
        var mapping = CSVColumnMapping()
        if let text = args.value("columns") {
            do { mapping = try CSVColumnMapping.parse(text) } catch { throw usage(error.message) }
        }
        func roleList(_ option: String) -> [String]? {
            args.value(option).map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty } }
        }
        let roles = AuthorRoles(customer: roleList("customer-role") ?? AuthorRoles.defaultCustomer, agent: roleList("agent-role") ?? AuthorRoles.defaultAgent)
        if roles.customer.isEmpty || roles.agent.isEmpty { throw usage("--customer-role and --agent-role need at least one role each") }
        if let both = roles.customer.first(where: { roles.agent.contains($0) }) {
            throw usage("the role '\(both)' is both a customer role and an agent role; set --customer-role and --agent-role apart")
        }
        var options = CSVOptions(mapping: mapping, roles: roles, holdRows: holdRows)
        if let text = args.value("map") {
            do { options.values = try CSVValueMap.parse(text) } catch { throw usage(error.message) }
        }
        if let text = args.value("delimiter") {
            switch text {
            case ",", ";", "|": options.delimiter = UInt8(ascii: text.unicodeScalars.first!)
            case "\t", "\\t", "tab", "TAB": options.delimiter = 0x09
            default: throw usage("--delimiter must be ',', ';', '|' or tab, found '\(VisibleText.escape(text))'")
            }
        }
        if let name = args.value("encoding") {
            guard let encoding = TextEncoding.named(name) else {
                let names = TextEncoding.allCases.map(\.rawValue)
                throw usage("unknown encoding '\(name)' for --encoding; expected \(CommandSpec.either(names))" + didYouMean(name, in: names))
            }
            options.encoding = encoding
        }
        let zone = try ZoneOption.parse(args, env, command: command)
        do {
            options.times = try TimePattern.parse(args.value("time-format") ?? "iso8601", zone: zone.given)
        } catch {
            throw usage(error.message + " (see --time-format in docs/replay.md)")
        }
        options.givenOptions = ["columns", "customer-role", "agent-role", "hold-rows", "delimiter", "encoding", "time-format", "map"].filter { args.value($0) != nil }
        return (options, inputFormat)
    }
}

/// Reads case files, JSON Lines or CSV exports, in batches, for every command that reads many
/// cases (replay, eval). A JSON line is handed on as bytes, to be decoded on a worker thread; a
/// CSV case is assembled from its rows here, in order.
struct CaseInput {
    /// How a file's contents are read.
    enum Format: String, CaseIterable {
        case jsonl, csv
    }

    /// One case to be decoded or already decoded.
    enum Item: Sendable {
        case line(Int, [UInt8])
        case decoded(SupportCase)
        /// A line over the limit: its number and length.
        case tooLong(Int, Int)
    }

    var csv: CSVOptions
    var batchSize: Int
    var limit = TextLimit(messageBytes: Classifier.defaultTextLimit)

    /// What reading a CSV file came to beyond its cases.
    struct CSVTally {
        /// Cases handed on before the end of the file because too many rows were waiting.
        var casesEarly = 0
        /// Rows that came after their case had been handed on (also reported as problems).
        var lateRows = 0
        var botRows = 0
        var systemRows = 0
        var unknownChannelRows = 0
        var unknownChannels: [String] = []
        /// Bytes the encoding has no character for.
        var undefinedBytes = 0

        /// What a person reading the export should know: rows left out or read differently.
        func notes(file: String, encoding: TextEncoding) -> [String] {
            var notes: [String] = []
            if botRows + systemRows > 0 {
                var parts: [String] = []
                if botRows > 0 { parts.append("\(botRows) bot row\(botRows == 1 ? "" : "s")") }
                if systemRows > 0 { parts.append("\(systemRows) system row\(systemRows == 1 ? "" : "s")") }
                notes.append("\(file): skipped \(parts.joined(separator: " and ")) (not a customer or an agent; their status and feedback still count)")
            }
            if unknownChannelRows > 0 {
                let names = unknownChannels.map { "'\(VisibleText.escape($0))'" }.joined(separator: ", ")
                notes.append("\(file): \(unknownChannelRows) row\(unknownChannelRows == 1 ? " has a channel" : "s have channels") Relief does not know (\(names)); read as 'other'. Map them with --map channel:VALUE=phone|email|chat|...")
            }
            if undefinedBytes > 0 {
                notes.append("\(file): \(undefinedBytes) byte\(undefinedBytes == 1 ? " has" : "s have") no character in \(encoding.rawValue) and \(undefinedBytes == 1 ? "was" : "were") read as U+FFFD; is that the file's encoding?")
            }
            return notes
        }
    }

    /// Reads JSON Lines: every line that is not blank, with its number.
    func readLines(_ source: ChunkSource, batch: ([Item]) -> Void) {
        var reader = LineReader(read: { source.read($0) }, maxLength: limit.lineBytes)
        var items: [Item] = []
        while let next = reader.next() {
            if let length = next.tooLong {
                items.append(.tooLong(next.number, length))
                continue
            }
            var line = next.bytes
            if next.number == 1, line.starts(with: [0xEF, 0xBB, 0xBF]) { line.removeFirst(3) }
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            items.append(.line(next.number, line))
            if items.count >= batchSize {
                batch(items)
                items.removeAll(keepingCapacity: true)
            }
        }
        if !items.isEmpty { batch(items) }
    }

    /// Reads a CSV export, one row per message, and assembles its cases. A row that cannot be
    /// used is handed to `problem` and left out; a fatal problem (a missing column) stops the file.
    func readCSV(_ source: ChunkSource, file: String, batch: ([Item]) -> Void, problem: (CLIError) -> Void) -> CSVTally {
        var transcoder = TextEncoding.Transcoder(csv.encoding)
        // The header line decides the delimiter, unless --delimiter names it.
        var head: [UInt8] = []
        var ended = false
        while csv.delimiter == nil, !head.contains(0x0A), head.count < 1 << 20 {
            let chunk = source.read(1 << 16)
            if chunk.isEmpty { ended = true; break }
            head += transcoder.utf8(chunk)
        }
        let delimiter = csv.delimiter ?? CSVParser.delimiter(ofHeader: head)
        var parser = CSVParser(delimiter: delimiter, maxFieldBytes: limit.messageBytes)
        var assembler = CSVCaseAssembler(mapping: csv.mapping, roles: csv.roles, values: csv.values, times: csv.times, heldRowLimit: csv.holdRows)
        var items: [Item] = []
        var stopped = false
        func take(_ record: CSVRecord) {
            guard !stopped else { return }
            do {
                for c in try assembler.add(record) { items.append(.decoded(c)) }
            } catch {
                var message = error.message
                if error.missingColumn {
                    let name = delimiter == 0x09 ? "tab" : "'\(Character(Unicode.Scalar(delimiter)))'"
                    message += csv.delimiter == nil
                        ? " (fields were split at \(name), found in the header line; name another with --delimiter)"
                        : " (fields were split at \(name), from --delimiter)"
                }
                if let column = error.column {
                    problem(.syntax(file: file, position: SourcePosition(line: error.line, column: column), message: message))
                } else {
                    problem(.badInput(file: file, line: error.line, field: error.field, message: message))
                }
                if error.fatal { stopped = true }
            }
        }
        if !head.isEmpty { parser.feed(head, take) }
        while !stopped, !ended {
            let chunk = source.read(1 << 16)
            if chunk.isEmpty { break }
            parser.feed(transcoder.utf8(chunk), take)
            if items.count >= batchSize {
                batch(items)
                items.removeAll(keepingCapacity: true)
            }
        }
        if !stopped { parser.finish(take) }
        items.append(contentsOf: assembler.finish().map { Item.decoded($0) })
        var start = 0
        while start < items.count {
            let end = min(start + batchSize, items.count)
            batch(Array(items[start..<end]))
            start = end
        }
        return CSVTally(
            casesEarly: assembler.casesReplayedEarly, lateRows: assembler.lateRows, botRows: assembler.botRows,
            systemRows: assembler.systemRows, unknownChannelRows: assembler.unknownChannelRows,
            unknownChannels: assembler.unknownChannels, undefinedBytes: transcoder.undefinedBytes)
    }

    /// Reads one file in its format, for commands that take cases in order on one thread;
    /// notes (rows skipped or read differently, options not used) go to `note`.
    func read(_ source: ChunkSource, format: Format, file: String, batch: ([Item]) -> Void, problem: (CLIError) -> Void, note: (String) -> Void) {
        switch format {
        case .jsonl:
            if let line = csv.unusedOnJSONLines(file: file) { note(line) }
            readLines(source, batch: batch)
        case .csv:
            let tally = readCSV(source, file: file, batch: batch, problem: problem)
            tally.notes(file: file, encoding: csv.encoding).forEach(note)
        }
    }

    /// Every case of `paths`, in order, decoded on this thread; each problem is reported as it
    /// is met. Returns how many lines or rows could not be read.
    func readCases(_ paths: [String], forced: Format?, _ env: CLIEnvironment, each: (SupportCase) -> Void) throws(CLIError) -> Int {
        var skipped = 0
        for path in paths {
            let file = FileInput.displayName(path)
            let source = try ChunkSource.open(path, env)
            let problem: (CLIError) -> Void = { env.report($0); skipped += 1 }
            let batch: ([Item]) -> Void = { items in
                for item in items {
                    switch decode(item, file: file) {
                    case .success(let c): each(c)
                    case .failure(let error): problem(error)
                    }
                }
            }
            read(source, format: Self.format(of: path, source: source, forced: forced), file: file, batch: batch, problem: problem, note: env.note)
        }
        return skipped
    }

    /// What is said, after a run, of the lines and rows that could not be read.
    static func skippedMessage(_ count: Int) -> Diagnostic {
        Diagnostic(message: "\(count) line\(count == 1 ? "" : "s") or row\(count == 1 ? "" : "s") could not be read and \(count == 1 ? "was" : "were") skipped")
    }

    /// Reads one case, with errors naming file, line, column and field.
    /// The file's name and the line the bytes start on go into the error; the reading is the
    /// engine's (`CaseDecoder`).
    static func decodeCase(_ bytes: [UInt8], file: String, lineOffset: Int = 0) throws(CLIError) -> SupportCase {
        do {
            return try CaseDecoder.decode(bytes: bytes)
        } catch {
            switch error {
            case .syntax(let error):
                throw .syntax(file: file, position: SourcePosition(line: error.position.line + lineOffset, column: error.position.column), message: error.message)
            case .field(var error):
                error.position.line += lineOffset
                throw .badCase(file: file, error: error)
            }
        }
    }

    /// The case an item holds, or the problem with its line.
    func decode(_ item: Item, file: String) -> Result<SupportCase, CLIError> {
        switch item {
        case .decoded(let c): return .success(c)
        case .tooLong(let number, let length): return .failure(limit.lineError(file: file, line: number, length: length))
        case .line(let number, let bytes):
            return Result { () throws(CLIError) -> SupportCase in try Self.decodeCase(bytes, file: file, lineOffset: number - 1) }
        }
    }

    /// The format a file is read in: `forced`, else by extension, else by its first byte.
    static func format(of path: String, source: ChunkSource, forced: Format?) -> Format {
        if let forced { return forced }
        let lower = path.lowercased()
        if lower.hasSuffix(".csv") { return .csv }
        if lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") || lower.hasSuffix(".json") { return .jsonl }
        return source.sniff()
    }

    /// Checks that every file exists and is a readable file before anything is read, so a typo
    /// in the last path fails at once rather than after the rest.
    static func checkInputs(_ paths: [String], _ env: CLIEnvironment) throws(CLIError) {
        for path in paths where path != "-" {
            var isDirectory: ObjCBool = false
            let full = env.resolve(path)
            guard FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory) else { throw .fileNotFound(path: path) }
            if isDirectory.boolValue { throw .cannotRead(path: path, reason: "it is a directory") }
            guard FileManager.default.isReadableFile(atPath: full) else { throw .cannotRead(path: path, reason: "permission denied") }
        }
    }
}

/// A byte stream read in chunks: a file descriptor or standard input, with the bytes peeked
/// to detect the format handed out first.
final class ChunkSource {
    private let readChunk: (Int) -> [UInt8]
    private var peeked: [UInt8] = []
    private let close: () -> Void

    init(read: @escaping (Int) -> [UInt8], close: @escaping () -> Void = {}) {
        readChunk = read
        self.close = close
    }

    /// Opens `path` (`-` is standard input).
    static func open(_ path: String, _ env: CLIEnvironment) throws(CLIError) -> ChunkSource {
        if path == "-" { return ChunkSource(read: env.readStdin) }
        let fd = Foundation.open(env.resolve(path), O_RDONLY)
        guard fd >= 0 else {
            let reason = String(cString: strerror(errno))
            if errno == ENOENT { throw .fileNotFound(path: path) }
            throw .cannotRead(path: path, reason: reason)
        }
        return ChunkSource(read: { max in
            var buffer = [UInt8](repeating: 0, count: max)
            while true {
                let n = buffer.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, max) }
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return [] }
                buffer.removeSubrange(n...)
                return buffer
            }
        }, close: { _ = Foundation.close(fd) })
    }

    func read(_ max: Int) -> [UInt8] {
        if !peeked.isEmpty {
            defer { peeked = [] }
            return peeked
        }
        return readChunk(max)
    }

    /// The format by the first byte that is not white space or a byte-order mark:
    /// `{` is JSON Lines, anything else CSV. The bytes read stay in the stream.
    func sniff() -> CaseInput.Format {
        while true {
            let chunk = readChunk(1 << 16)
            if chunk.isEmpty { return .jsonl }
            peeked.append(contentsOf: chunk)
            var start = 0
            if peeked.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
            if let first = peeked[start...].first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) {
                return first == UInt8(ascii: "{") ? .jsonl : .csv
            }
        }
    }

    deinit { close() }
}
