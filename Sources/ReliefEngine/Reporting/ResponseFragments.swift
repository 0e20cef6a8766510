import Foundation

/// The members of a chosen response that come from the rules alone, written as JSON once when
/// the rules are compiled. A decision prints up to six responses of several hundred characters
/// each; copying these bytes instead of escaping the same texts again for every case is most
/// of what keeps `triage --stream` fast.
///
/// The texts the bytes were written from are kept, so a response whose fields were changed
/// after classification is noticed (`matches`) and written from its fields instead.
final class ResponseFragments: Sendable {
    let id: String
    let say: String
    let tone: String
    let actions: [String]
    let owner: String
    let ownerName: String
    let within: ISODuration
    /// `,"do":[…]`: follows `by`.
    let afterBy: [UInt8]
    /// `,"id":…,"owner":…,"ownerName":…,"say":…`: follows `expectation`.
    let afterExpectation: [UInt8]
    /// `,"tone":…,"within":…`: follows `situation` and ends the object's members.
    let afterSituation: [UInt8]

    init(id: String, say: String, tone: String, actions: [String], owner: String, ownerName: String, within: ISODuration) {
        self.id = id
        self.say = say
        self.tone = tone
        self.actions = actions
        self.owner = owner
        self.ownerName = ownerName
        self.within = within

        var w = JSONStreamWriter([UInt8](), inObject: true)
        w.key("do"); w.strings(actions)
        afterBy = w.out
        w.out = []
        w.key("id"); w.string(id)
        w.key("owner"); w.string(owner)
        w.key("ownerName"); w.string(ownerName)
        w.key("say"); w.string(say)
        afterExpectation = w.out
        w.out = []
        w.key("tone"); w.string(tone)
        w.key("within"); w.string(within.text)
        afterSituation = w.out
    }

    /// Whether `response` still carries, byte for byte, the texts these bytes were written from.
    /// Bytes, not `==`: Swift calls a precomposed "ä" equal to "a" plus a combining mark, and the
    /// line must print what the response holds. The decision shares these very strings, so each
    /// comparison normally ends at the first check: the same storage.
    func matches(_ response: ChosenResponse) -> Bool {
        Self.same(response.id, id) && Self.same(response.say, say) && Self.same(response.tone, tone)
            && Self.same(response.owner, owner) && Self.same(response.ownerName, ownerName)
            && Self.same(response.within.text, within.text) && response.within.seconds == within.seconds
            && response.actions.count == actions.count
            && zip(response.actions, actions).allSatisfy { Self.same($0, $1) }
    }

    /// Whether two strings have the same UTF-8 bytes.
    static func same(_ a: String, _ b: String) -> Bool {
        let x = a.utf8, y = b.utf8
        guard x.count == y.count else { return false }
        let fast = x.withContiguousStorageIfAvailable { p in
            y.withContiguousStorageIfAvailable { q in
                p.baseAddress == q.baseAddress || p.count == 0 || memcmp(p.baseAddress!, q.baseAddress!, p.count) == 0
            }
        }
        if let fast, let result = fast { return result }
        return x.elementsEqual(y)
    }
}
