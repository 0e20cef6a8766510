// FuzzISO8601: feeds arbitrary text to the ISO 8601 readers: timestamps (every case and CSV
// time), days (`audit --since`) and durations (rules' targets). Beyond "no crash" it checks that
//   - an accepted timestamp lies within the years 0001–9998, and ISO8601.format writes it in
//     the fixed shape (20 or 24 bytes, `…Z`) as a time that reads back to the same instant to
//     the millisecond; a time already written that way is written back unchanged;
//   - the byte reader the case line decoder uses agrees with the String one (as Dates);
//   - a day of ten characters is midnight UTC, and a longer text is read as a timestamp;
//   - a duration keeps its text, and its seconds are finite and not negative.

import Foundation
@testable import ReliefEngine

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzISO8601(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: size > 0 ? data : nil, count: size)
    let text = String(decoding: bytes, as: UTF8.self)

    let viaBytes = ISO8601.timestampSeconds(bytes)
    let parsed = ISO8601.parseTimestamp(text)
    if isValidUTF8(bytes) {
        // As Dates, the way the line decoder keeps the byte reader's seconds: Date counts from
        // 2001, so its seconds since 1970 can differ from the reader's in the last bit.
        fuzzCheck(viaBytes.map { Date(timeIntervalSince1970: $0) } == parsed, "the byte and String readers disagree on \(shown(text))")
    }
    if let date = parsed {
        let seconds = date.timeIntervalSince1970
        fuzzCheck(seconds >= Double(ISO8601.earliestSeconds) && seconds < Double(ISO8601.latestSeconds),
                  "\(shown(text)) was read as \(seconds), outside the years 0001–9998")
        let written = ISO8601.format(date)
        let shape = Array(written.utf8)
        fuzzCheck((shape.count == 20 || shape.count == 24) && shape.last == UInt8(ascii: "Z") && shape[10] == UInt8(ascii: "T"),
                  "\(shown(text)) was written as \(shown(written))")
        fuzzCheck(!written.hasPrefix("0000") && !written.hasPrefix("9999"), "\(shown(text)) was written as \(shown(written))")
        guard let reread = ISO8601.parseTimestamp(written) else {
            fuzzCheck(false, "\(shown(text)) was written as \(shown(written)), which does not read back")
            return 0
        }
        fuzzCheck(milliseconds(reread) == milliseconds(date),
                  "\(shown(text)) → \(shown(written)) → \(reread.timeIntervalSince1970), not \(seconds)")
        fuzzCheck(ISO8601.format(reread) == written, "\(shown(written)) is written again as \(shown(ISO8601.format(reread)))")
        if isCanonical(Array(bytes)) {
            fuzzCheck(written == text, "the canonical time \(shown(text)) was written as \(shown(written))")
        }
    }

    if let day = ISO8601.parseDay(text) {
        if bytes.count == 10 {
            let seconds = day.timeIntervalSince1970
            fuzzCheck(seconds == (seconds / 86_400).rounded(.down) * 86_400, "the day \(shown(text)) is not midnight: \(seconds)")
            fuzzCheck(ISO8601.format(day).hasPrefix(text), "the day \(shown(text)) is written as \(ISO8601.format(day))")
        } else {
            fuzzCheck(day == parsed, "parseDay and parseTimestamp read \(shown(text)) differently")
        }
    } else if bytes.count != 10 {
        fuzzCheck(parsed == nil, "parseDay refuses the timestamp \(shown(text))")
    }

    if let duration = ISODuration.parse(text) {
        fuzzCheck(duration.text == text, "the duration \(shown(text)) keeps the text \(shown(duration.text))")
        fuzzCheck(duration.seconds.isFinite && duration.seconds >= 0, "the duration \(shown(text)) is \(duration.seconds) s")
        fuzzCheck(text.hasPrefix("P") && !text.contains("Y") && !text.contains("-"), "the duration \(shown(text)) was accepted")
    }
    return 0
}

private func milliseconds(_ date: Date) -> Int64 {
    Int64((date.timeIntervalSince1970 * 1000).rounded())
}

/// `YYYY-MM-DDTHH:MM:SSZ` or `YYYY-MM-DDTHH:MM:SS.mmmZ` with a fraction other than .000:
/// the one spelling `ISO8601.format` writes for each instant.
private func isCanonical(_ b: [UInt8]) -> Bool {
    let pattern = Array("dddd-dd-ddTdd:dd:dd".utf8)
    guard b.count == 20 || b.count == 24, b.last == UInt8(ascii: "Z") else { return false }
    for (i, p) in pattern.enumerated() {
        if p == UInt8(ascii: "d") { guard b[i] &- 0x30 < 10 else { return false } } else { guard b[i] == p else { return false } }
    }
    if b.count == 24 {
        guard b[19] == UInt8(ascii: "."), b[20...22].allSatisfy({ $0 &- 0x30 < 10 }), b[20...22] != [0x30, 0x30, 0x30] else { return false }
    }
    return true
}
