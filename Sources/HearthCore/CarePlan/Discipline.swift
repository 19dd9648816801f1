/// Who makes a visit, in the abbreviations of the plan of care (CMS-485 item 21).
public enum Discipline: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    case skilledNursing = "SN"
    case physicalTherapy = "PT"
    case occupationalTherapy = "OT"
    case speechLanguagePathology = "SLP"
    case medicalSocialWork = "MSW"
    case homeHealthAide = "HHA"

    /// Reads "sn", " PT ", and "ST" (an older abbreviation for speech therapy); nil for anything else.
    public init?(code: String) {
        let code = code.trimmingCharacters(in: .whitespaces).uppercased()
        if code == "ST" { self = .speechLanguagePathology; return }
        self.init(rawValue: code)
    }

    public var title: String {
        switch self {
        case .skilledNursing: "Skilled nursing"
        case .physicalTherapy: "Physical therapy"
        case .occupationalTherapy: "Occupational therapy"
        case .speechLanguagePathology: "Speech-language pathology"
        case .medicalSocialWork: "Medical social work"
        case .homeHealthAide: "Home health aide"
        }
    }

    public var description: String { rawValue }
}
