/// Where a contact happens. Unknown channel names in input are an error, so typos are caught.
public enum Channel: String, Sendable, CaseIterable, Codable {
    case web, chat, phone, sms, email, social, store, other
}

/// The customer journey a case belongs to.
public enum Journey: String, Sendable, CaseIterable, Codable {
    case onboarding, purchase, inquiry, complaint, `return`, support, renewal, cancellation, other
}

/// Before, during or after the service.
public enum Stage: String, Sendable, CaseIterable, Codable {
    case before, during, after
}

extension Channel {
    /// A distinct small number per channel, for bit sets of channels.
    var position: Int {
        switch self {
        case .web: return 0
        case .chat: return 1
        case .phone: return 2
        case .sms: return 3
        case .email: return 4
        case .social: return 5
        case .store: return 6
        case .other: return 7
        }
    }
}
