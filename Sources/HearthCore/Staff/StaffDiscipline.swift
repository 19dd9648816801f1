/// What kind of visit is being made; some kinds only an RN or a therapist may make.
public enum VisitKind: String, Sendable, Hashable, Codable, CaseIterable {
    case routine
    /// A comprehensive assessment (start of care, resumption, recertification, discharge) [42 CFR 484.55].
    case assessment
    /// A therapy or social work evaluation or re-evaluation, made by the therapist, not the assistant [42 CFR 484.115; 409.44(c)].
    case evaluation
    /// A supervisory visit of the aide's care [42 CFR 484.80(h)].
    case aideSupervision = "aide_supervision"

    public var title: String {
        switch self {
        case .routine: "visit"
        case .assessment: "comprehensive assessment"
        case .evaluation: "evaluation"
        case .aideSupervision: "aide supervisory visit"
        }
    }
}

/// A clinician's own discipline, as hired and licensed; several may visit for one plan-of-care discipline.
public enum StaffDiscipline: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    case registeredNurse = "RN"
    /// Licensed practical nurse, called licensed vocational nurse (LVN) in California and Texas.
    case practicalNurse = "LPN"
    case physicalTherapist = "PT"
    case physicalTherapistAssistant = "PTA"
    case occupationalTherapist = "OT"
    case occupationalTherapyAssistant = "COTA"
    case speechLanguagePathologist = "SLP"
    /// A social worker with a master's degree, licensed as LMSW or LCSW where the state licenses them.
    case socialWorker = "MSW"
    case homeHealthAide = "HHA"

    /// Reads the codes on staff rosters: "rn", "LVN", "LCSW", "OTA"; nil for anything else.
    public init?(code: String) {
        let code = code.trimmingCharacters(in: .whitespaces).uppercased()
        switch code {
        case "LVN", "LPN/LVN": self = .practicalNurse
        case "LCSW", "LMSW", "MSW/LCSW": self = .socialWorker
        case "OTA": self = .occupationalTherapyAssistant
        case "ST": self = .speechLanguagePathologist
        default: self.init(rawValue: code)
        }
    }

    public var title: String {
        switch self {
        case .registeredNurse: "registered nurse"
        case .practicalNurse: "licensed practical/vocational nurse"
        case .physicalTherapist: "physical therapist"
        case .physicalTherapistAssistant: "physical therapist assistant"
        case .occupationalTherapist: "occupational therapist"
        case .occupationalTherapyAssistant: "occupational therapy assistant"
        case .speechLanguagePathologist: "speech-language pathologist"
        case .socialWorker: "social worker"
        case .homeHealthAide: "home health aide"
        }
    }

    /// "a registered nurse", "an occupational therapist".
    public var aTitle: String { ("aeiou".contains(title.first!) ? "an " : "a ") + title }

    /// The short name on a board: "RN", "LPN/LVN", "MSW/LCSW".
    public var description: String {
        switch self {
        case .practicalNurse: "LPN/LVN"
        case .socialWorker: "MSW/LCSW"
        default: rawValue
        }
    }

    /// The plan-of-care discipline this clinician visits for: an LPN for skilled nursing, a PTA for physical therapy.
    public var visitsFor: Discipline {
        switch self {
        case .registeredNurse, .practicalNurse: .skilledNursing
        case .physicalTherapist, .physicalTherapistAssistant: .physicalTherapy
        case .occupationalTherapist, .occupationalTherapyAssistant: .occupationalTherapy
        case .speechLanguagePathologist: .speechLanguagePathology
        case .socialWorker: .medicalSocialWork
        case .homeHealthAide: .homeHealthAide
        }
    }

    /// An LPN, PTA or COTA works under an RN's or therapist's direction and makes routine visits only.
    public var worksUnderSupervision: Bool {
        [.practicalNurse, .physicalTherapistAssistant, .occupationalTherapyAssistant].contains(self)
    }

    /// A therapist who may stand in for the RN in supervising an aide [42 CFR 484.80(h)(1)(i)].
    public var isTherapist: Bool {
        [.physicalTherapist, .occupationalTherapist, .speechLanguagePathologist].contains(self)
    }

    /// Who may make a visit for `discipline`, for refusals that say whom to assign instead.
    public static func staff(for discipline: Discipline, kind: VisitKind = .routine) -> [StaffDiscipline] {
        allCases.filter { $0.refusal(for: discipline, kind: kind) == nil }
    }

    /// Why this clinician may not make the visit, with its rule, or nil when they may.
    public func refusal(for discipline: Discipline, kind: VisitKind) -> String? {
        if visitsFor != discipline {
            return "\(aTitle) cannot make a \(discipline.title.lowercased()) visit"
        }
        switch kind {
        case .routine:
            return nil
        case .assessment:
            // 42 CFR 484.55(a)(1), (b)(1): an RN assesses; a therapist may for a therapy-only patient (484.55(a)(2), (b)(3)).
            if self == .registeredNurse || isTherapist { return nil }
            return "a comprehensive assessment is made by an RN or a therapist [42 CFR 484.55], not \(aTitle)"
        case .evaluation:
            if self == .registeredNurse || isTherapist || self == .socialWorker { return nil }
            return "an evaluation is made by the RN, therapist or social worker, not \(aTitle) [42 CFR 484.115]"
        case .aideSupervision:
            if self == .registeredNurse || isTherapist { return nil }
            return "an aide supervisory visit is made by an RN or a therapist [42 CFR 484.80(h)], not \(aTitle)"
        }
    }

    /// Who made an aide supervisory visit recorded under `discipline`: the RN for skilled nursing, the therapist for
    /// physical, occupational or speech therapy; nil for a discipline that may not supervise aides [42 CFR 484.80(h)].
    public static func aideSupervisor(visitingFor discipline: Discipline) -> StaffDiscipline? {
        allCases.first { ($0 == .registeredNurse || $0.isTherapist) && $0.visitsFor == discipline }
    }

    /// True when this clinician may make the aide supervisory visit for a patient receiving `services`:
    /// always an RN; a therapist only for a patient on that therapy without skilled nursing, and never for an
    /// aide-only patient, whose supervisor is the RN [42 CFR 484.80(h)(1)(i), (h)(2)(i)].
    public func maySuperviseAides(forPatientReceiving services: Set<Discipline>) -> Bool {
        guard services.contains(.homeHealthAide) else { return false }
        if self == .registeredNurse { return true }
        guard isTherapist else { return false }
        return services.contains(visitsFor) && !services.contains(.skilledNursing)
    }
}
