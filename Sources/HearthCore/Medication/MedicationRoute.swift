/// How a medication enters the body: by mouth, under the skin, by inhalation…
/// Codes are SNOMED CT route concepts as FHIR's example value set uses them (http://hl7.org/fhir/ValueSet/route-codes),
/// displays as in the SNOMED CT International edition of February 2025.
public enum MedicationRoute: String, Sendable, Hashable, Codable, CaseIterable {
    case oral, sublingual, buccal, subcutaneous, intramuscular, intravenous, topical, transdermal, inhaled, nasal
    case ophthalmic, otic, rectal, vaginal
    /// Through a feeding tube (G-tube, PEG, NG, J-tube).
    case enteral

    /// The route as a clinician names it on a form.
    public var title: String {
        switch self {
        case .oral: "Oral"
        case .sublingual: "Sublingual"
        case .buccal: "Buccal"
        case .subcutaneous: "Subcutaneous"
        case .intramuscular: "Intramuscular"
        case .intravenous: "Intravenous"
        case .topical: "Topical"
        case .transdermal: "Transdermal"
        case .inhaled: "Inhaled"
        case .nasal: "Nasal"
        case .ophthalmic: "Ophthalmic"
        case .otic: "Otic"
        case .rectal: "Rectal"
        case .vaginal: "Vaginal"
        case .enteral: "Enteral tube"
        }
    }

    /// The route in a sig, as the patient reads it: "1 tablet by mouth twice a day".
    public var sigPhrase: String {
        switch self {
        case .oral: "by mouth"
        case .sublingual: "under the tongue"
        case .buccal: "between cheek and gum"
        case .subcutaneous: "by injection under the skin"
        case .intramuscular: "by injection into the muscle"
        case .intravenous: "intravenously"
        case .topical: "to the skin"
        case .transdermal: "as a skin patch"
        case .inhaled: "by inhalation"
        case .nasal: "in the nose"
        case .ophthalmic: "in the eye"
        case .otic: "in the ear"
        case .rectal: "rectally"
        case .vaginal: "vaginally"
        case .enteral: "by feeding tube"
        }
    }

    /// The SNOMED CT concept id; nil only where no route concept fits.
    public var snomedCode: String? {
        switch self {
        case .oral: "26643006"
        case .sublingual: "37839007"
        case .buccal: "54471007"
        case .subcutaneous: "34206005"
        case .intramuscular: "78421000"
        case .intravenous: "47625008"
        case .topical: "6064005"
        case .transdermal: "45890007"
        case .inhaled: "447694001"
        case .nasal: "46713006"
        case .ophthalmic: "54485002"
        case .otic: "10547007"
        case .rectal: "37161004"
        case .vaginal: "16857009"
        // "Enteral route": the general concept; a G-tube alone would be 127490009 "Gastrostomy route".
        case .enteral: "417985001"
        }
    }

    /// The SNOMED CT display for `snomedCode`.
    public var snomedDisplay: String? {
        switch self {
        case .inhaled: "Respiratory tract route"
        case .enteral: "Enteral route"
        default: "\(title) route"
        }
    }

    /// Reads a form value: the raw value or the title, in any case ("oral", "Enteral tube").
    public init?(form text: String) {
        let text = text.trimmed.lowercased()
        guard let route = Self.allCases.first(where: { $0.rawValue == text || $0.title.lowercased() == text }) else { return nil }
        self = route
    }

    /// Reads a route as hospital lists and prescriptions write it: the form values plus "PO", "SL", "SQ", "via G-tube"…
    public static func parse(_ text: String) -> MedicationRoute? {
        if let route = MedicationRoute(form: text) { return route }
        let key = String(text.lowercased().map { $0.isLetter ? $0 : " " }).split(separator: " ").joined(separator: " ")
        return abbreviations[key]
    }

    private static let abbreviations: [String: MedicationRoute] = [
        "po": .oral, "by mouth": .oral, "mouth": .oral, "orally": .oral, "per os": .oral,
        "sl": .sublingual, "under the tongue": .sublingual,
        "buc": .buccal, "bucc": .buccal,
        "sc": .subcutaneous, "sq": .subcutaneous, "subq": .subcutaneous, "subcut": .subcutaneous,
        "subcutaneously": .subcutaneous, "under the skin": .subcutaneous,
        "im": .intramuscular, "iv": .intravenous, "ivpb": .intravenous, "iv push": .intravenous,
        "top": .topical, "topically": .topical, "to skin": .topical, "to the skin": .topical, "external": .topical,
        "td": .transdermal, "patch": .transdermal,
        "inh": .inhaled, "inhalation": .inhaled, "by inhalation": .inhaled, "inhale": .inhaled, "neb": .inhaled, "nebulizer": .inhaled,
        "nebulized": .inhaled, "respiratory": .inhaled,
        "intranasal": .nasal, "nasally": .nasal, "each nostril": .nasal, "nostril": .nasal,
        "eye": .ophthalmic, "ophth": .ophthalmic, "both eyes": .ophthalmic, "ou": .ophthalmic,
        "ear": .otic, "both ears": .otic, "au": .otic,
        "pr": .rectal, "per rectum": .rectal, "rectally": .rectal,
        "pv": .vaginal, "vaginally": .vaginal,
        "gt": .enteral, "g tube": .enteral, "via g tube": .enteral, "peg": .enteral, "via peg": .enteral, "ng": .enteral,
        "ng tube": .enteral, "j tube": .enteral, "tube": .enteral, "feeding tube": .enteral, "via feeding tube": .enteral,
        "per tube": .enteral, "per g tube": .enteral, "per peg": .enteral,
    ]
}

/// Who gives the patient a medication at home. It decides how the agency documents it:
/// doses given by an aide or nurse go on the medication administration record (MAR);
/// doses the patient or family give are checked for adherence at visits.
public enum MedicationAdministrator: String, Sendable, Hashable, Codable, CaseIterable {
    /// The patient takes it themselves.
    case patient = "self"
    case caregiver, aide, nurse

    /// Who gives it, as the case manager says it.
    public var title: String {
        switch self {
        case .patient: "Self (patient)"
        case .caregiver: "Family caregiver"
        case .aide: "Home health aide"
        case .nurse: "Nurse"
        }
    }

    /// Doses are recorded on the MAR (aide, nurse) rather than checked at visits (self, caregiver).
    public var usesMAR: Bool { self == .aide || self == .nurse }

    /// Reads a form value: the raw value ("self") or the title, in any case.
    public init?(form text: String) {
        let text = text.trimmed.lowercased()
        guard let who = Self.allCases.first(where: { $0.rawValue == text || $0.title.lowercased() == text }) else { return nil }
        self = who
    }
}
