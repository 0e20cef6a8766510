// FuzzMasker: feeds arbitrary text to PersonalDataMasker, which cleans customer words before
// they go into the audit log. Beyond "no crash" it checks what the masker promises:
//   - it only replaces: the output, with its tokens taken out, is made of the input's own
//     characters in the input's order, and never has more digits or '@' than the input;
//   - nothing it recognises survives it: masking the output again changes nothing;
//   - text with fewer than seven digits and no '@' passes unchanged.

import Foundation
@testable import ReliefEngine

private let tokens = [PersonalDataMasker.emailToken, PersonalDataMasker.cardToken,
                      PersonalDataMasker.personalCodeToken, PersonalDataMasker.phoneToken]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMasker(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: size > 0 ? data : nil, count: size), as: UTF8.self)
    let masked = PersonalDataMasker.mask(text)

    func count(_ s: String, _ where: (UInt8) -> Bool) -> Int { s.utf8.reduce(0) { $0 + (`where`($1) ? 1 : 0) } }
    let isDigit = { (b: UInt8) in b &- 0x30 < 10 }
    let digits = count(text, isDigit)
    fuzzCheck(count(masked, isDigit) <= digits, "masking added digits: \(shown(text)) → \(shown(masked))")
    fuzzCheck(count(masked) { $0 == 0x40 } <= count(text) { $0 == 0x40 }, "masking added an '@': \(shown(masked))")
    if digits < PersonalDataMasker.minimumDigits && !text.utf8.contains(0x40) {
        fuzzCheck(Array(masked.utf8) == Array(text.utf8), "\(shown(text)) has nothing to mask but became \(shown(masked))")
    }

    // Take the tokens out; what is left must be a subsequence of the input.
    var rest = Array(masked.unicodeScalars)
    for token in tokens {
        let t = Array(token.unicodeScalars)
        var kept: [Unicode.Scalar] = []
        var i = 0
        while i < rest.count {
            if i + t.count <= rest.count && rest[i..<(i + t.count)].elementsEqual(t) { i += t.count } else { kept.append(rest[i]); i += 1 }
        }
        rest = kept
    }
    var input = Array(text.unicodeScalars)[...]
    for scalar in rest {
        guard let found = input.firstIndex(of: scalar) else {
            fuzzCheck(false, "the output has text the input does not, in order: \(shown(text)) → \(shown(masked))")
            return 0
        }
        input = input[(found + 1)...]
    }

    let twice = PersonalDataMasker.mask(masked)
    fuzzCheck(Array(twice.utf8) == Array(masked.utf8),
              "the masked text still holds something the masker masks: \(shown(text)) → \(shown(masked)) → \(shown(twice))")
    return 0
}
