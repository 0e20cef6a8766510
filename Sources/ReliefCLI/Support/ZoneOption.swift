import Foundation
import ReliefEngine

/// `--tz ZONE`: the reader's time zone. Text and Markdown show times in it, to the minute; CSV
/// exports' times written without an offset are read in it. Without the option, times are
/// shown in `TZ` (else the system zone), and offset-less CSV times are UTC, as in JSON cases.
struct ZoneOption {
    /// The zone named with `--tz`, if any.
    var given: TimeZone?
    /// Where times are shown.
    var display: TimeZone

    static let option = CommandSpec.Option.value(
        "tz", "zone",
        "Time zone such as Europe/Tallinn or UTC: times are shown in it, and CSV times without an offset are read in it (default: shown in TZ or the system zone, read as UTC).")

    /// The same option for commands that read no CSV (triage, audit show): it only chooses where
    /// times are shown.
    static let displayOption = CommandSpec.Option.value(
        "tz", "zone", "Time zone such as Europe/Tallinn or UTC: times are shown in it, to the minute (default: TZ, else the system zone).")

    static func parse(_ args: ParsedArguments, _ env: CLIEnvironment, command: String) throws(CLIError) -> ZoneOption {
        if let name = args.value("tz") {
            guard let zone = zone(named: name) else {
                throw .usage("unknown time zone '\(name)' for --tz; use a name such as Europe/Tallinn, Europe/Helsinki or UTC", command: command)
            }
            return ZoneOption(given: zone, display: zone)
        }
        if let name = env.variables["TZ"], let zone = zone(named: name.hasPrefix(":") ? String(name.dropFirst()) : name) {
            return ZoneOption(given: nil, display: zone)
        }
        return ZoneOption(given: nil, display: TimeZone.current)
    }

    /// The zone for an IANA name, or UTC for "UTC", "Z" and "GMT".
    static func zone(named name: String) -> TimeZone? {
        switch name.uppercased() {
        case "UTC", "Z", "GMT", "ETC/UTC": return TimeZone(identifier: "UTC")
        default:
            // Foundation also accepts abbreviations and odd spellings; only region names are taken.
            guard name.contains("/"), let zone = TimeZone(identifier: name) else { return nil }
            return zone
        }
    }
}
