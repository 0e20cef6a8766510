// FuzzExportTimes: what `relief replay` does to an export's bytes besides CSV: times read with
// --time-format and --tz (TimePattern), and Excel's single-byte encodings read with --encoding
// (TextEncoding.Transcoder). The first byte chooses the zone, the second the pattern (a fixed
// one, or the first line of the rest as typed); the rest is the time text. The whole input also
// goes through every transcoder. Beyond "no crash" it checks that
//   - a pattern as typed is accepted, or refused with a message;
//   - an accepted time is one relief can write and read back: within the years 0001–9998 as
//     ISO8601.format writes it, reading back to the same instant to the millisecond;
//   - a zone only moves a time by what its clocks show: when the local time the text names
//     exists in the zone, the instant read shows that time on the zone's clocks;
//   - a transcoder writes valid UTF-8, one character per byte (Latin-1: the byte's own code
//     point; Windows-1257: U+FFFD exactly for the bytes it counts as undefined), and gives the
//     same bytes however the input is cut into chunks.

import Foundation
@testable import ReliefEngine

/// UTC, the project's own zone, the far ends of the offsets (+14, -11), half-hour offsets with
/// summer time, and fixed offsets that need no zone data.
private let zones: [TimeZone?] = [nil] + ["UTC", "Europe/Tallinn", "Pacific/Kiritimati", "Pacific/Pago_Pago",
                                          "America/St_Johns", "Australia/Lord_Howe"].compactMap(TimeZone.init(identifier:))
    + [TimeZone(secondsFromGMT: 14 * 3600)!, TimeZone(secondsFromGMT: -12 * 3600)!]
private let patterns = ["iso8601", "dd.MM.yyyy HH:mm[:ss]", "d.M.yyyy H:mm[:ss]", "MM/dd/yyyy HH:mm", "yyyyMMddHHmmss",
                        "yyyy-MM-dd HH:mm:ss"]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzExportTimes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let all = Array(UnsafeBufferPointer(start: size > 0 ? data : nil, count: size))
    transcode(all)

    var input = FuzzInput(data, size)
    let zone = zones[input.int(in: 0...(zones.count - 1))]
    let patternChoice = input.int(in: 0...patterns.count)
    var rest = input.rest()[...]
    let pattern: TimePattern
    if patternChoice < patterns.count {
        pattern = try! TimePattern.parse(patterns[patternChoice], zone: zone)
    } else {
        let line = rest.prefix { $0 != 0x0A }
        rest = rest.dropFirst(line.count + 1)
        let typed = String(decoding: line, as: UTF8.self)
        do throws(TimePattern.Problem) {
            pattern = try TimePattern.parse(typed, zone: zone)
        } catch {
            fuzzCheck(!error.message.isEmpty, "the time format \(shown(typed)) is refused without a message")
            return 0
        }
    }
    let text = String(decoding: rest, as: UTF8.self)
    guard let date = pattern.date(text) else { return 0 }

    let seconds = date.timeIntervalSince1970
    let written = ISO8601.format(date)
    let back = ISO8601.parseTimestamp(written)
    fuzzCheck(seconds.isFinite && back.map { ($0.timeIntervalSince1970 * 1000) == (seconds * 1000).rounded() } == true,
              "\(shown(text)) as '\(pattern.text)' in \(zone?.identifier ?? "UTC") is \(seconds) s, written \(written), which reads back as \(String(describing: back))")

    // The same text without a zone is the local time it names, as if on UTC clocks.
    guard let zone else { return 0 }
    var withoutZone = pattern
    withoutZone.zone = nil
    guard let local = withoutZone.date(text)?.timeIntervalSince1970 else {
        fuzzCheck(false, "\(shown(text)) as '\(pattern.text)' is a time in \(zone.identifier) but not in UTC")
        return 0
    }
    if local == seconds { return 0 } // an ISO time with its own offset, or a zone at UTC then
    func shows(_ instant: Double) -> Double { instant + Double(zone.secondsFromGMT(for: Date(timeIntervalSince1970: instant))) }
    // The local time exists when an instant shows it: with the offset a day before or a day after.
    let exists = [local - 86_400, local + 86_400].contains { around in
        shows(local - Double(zone.secondsFromGMT(for: Date(timeIntervalSince1970: around)))) == local
    }
    fuzzCheck(!exists || shows(seconds) == local,
              "\(shown(text)) as '\(pattern.text)' in \(zone.identifier) is \(written), which clocks there show as \(ISO8601.format(Date(timeIntervalSince1970: shows(seconds))))")
    return 0
}

private func transcode(_ bytes: [UInt8]) {
    let cut = bytes.isEmpty ? 0 : Int(bytes[0]) % (bytes.count + 1)
    for encoding in TextEncoding.allCases {
        var whole = TextEncoding.Transcoder(encoding)
        let out = whole.utf8(bytes)
        var chunked = TextEncoding.Transcoder(encoding)
        let pieces = chunked.utf8(Array(bytes[..<cut])) + chunked.utf8(Array(bytes[cut...]))
        fuzzCheck(pieces == out && chunked.undefinedBytes == whole.undefinedBytes,
                  "\(encoding.rawValue) gives other bytes when cut at \(cut)")
        if encoding == .utf8 {
            fuzzCheck(out == bytes && whole.undefinedBytes == 0, "utf-8 changed the bytes")
            continue
        }
        fuzzCheck(isValidUTF8(out), "\(encoding.rawValue) wrote invalid UTF-8")
        let scalars = Array(String(decoding: out, as: UTF8.self).unicodeScalars)
        fuzzCheck(scalars.count == bytes.count, "\(encoding.rawValue) wrote \(scalars.count) characters for \(bytes.count) bytes")
        for (byte, scalar) in zip(bytes, scalars) where byte < 0x80 || encoding == .latin1 {
            fuzzCheck(scalar.value == UInt32(byte), "\(encoding.rawValue) wrote U+\(String(scalar.value, radix: 16)) for byte \(byte)")
        }
        let replaced = scalars.filter { $0 == "\u{FFFD}" }.count
        fuzzCheck(replaced == whole.undefinedBytes, "\(encoding.rawValue) counted \(whole.undefinedBytes) undefined bytes, wrote \(replaced) U+FFFD")
    }
}
