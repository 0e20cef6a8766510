/// The members of a chosen response that come from the rules alone, written as JSON once when
/// the rules are compiled. A decision prints up to six responses of several hundred characters
/// each; copying these bytes instead of escaping the same texts again for every case is most
/// of what keeps `triage --stream` fast.
///
/// A `ChosenResponse` drops its fragments when any of these texts is set, so a response changed
/// after classification is written from its fields instead.
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
}
