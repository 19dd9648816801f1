/// The parts of the home health certification and plan of care (form CMS-485) that are not goals or orders:
/// functional limitations, activities permitted, mental status, prognosis, equipment, safety, nutrition,
/// rehabilitation potential and discharge plans. Box numbers follow CMS-485 (boxes 14–22).
public struct PlanOfCareFields: Sendable, Equatable, Codable {
    /// Box 18A: functional limitations.
    public enum FunctionalLimitation: String, Sendable, Codable, CaseIterable {
        case amputation, incontinence, contracture, hearing, paralysis, endurance, ambulation, speech
        case legallyBlind = "legally_blind"
        case dyspnea
        case other

        public var title: String {
            switch self {
            case .amputation: "Amputation"
            case .incontinence: "Bowel/bladder incontinence"
            case .contracture: "Contracture"
            case .hearing: "Hearing"
            case .paralysis: "Paralysis"
            case .endurance: "Endurance"
            case .ambulation: "Ambulation"
            case .speech: "Speech"
            case .legallyBlind: "Legally blind"
            case .dyspnea: "Dyspnea with minimal exertion"
            case .other: "Other"
            }
        }
    }

    /// Box 18B: activities permitted.
    public enum ActivityPermitted: String, Sendable, Codable, CaseIterable {
        case completeBedrest = "complete_bedrest"
        case bedrestBathroomPrivileges = "bedrest_brp"
        case upAsTolerated = "up_as_tolerated"
        case transferBedChair = "transfer_bed_chair"
        case exercisesPrescribed = "exercises_prescribed"
        case partialWeightBearing = "partial_weight_bearing"
        case independentAtHome = "independent_at_home"
        case crutches, cane, wheelchair, walker
        case noRestrictions = "no_restrictions"
        case other

        public var title: String {
            switch self {
            case .completeBedrest: "Complete bedrest"
            case .bedrestBathroomPrivileges: "Bedrest, bathroom privileges"
            case .upAsTolerated: "Up as tolerated"
            case .transferBedChair: "Transfer bed/chair"
            case .exercisesPrescribed: "Exercises prescribed"
            case .partialWeightBearing: "Partial weight bearing"
            case .independentAtHome: "Independent at home"
            case .crutches: "Crutches"
            case .cane: "Cane"
            case .wheelchair: "Wheelchair"
            case .walker: "Walker"
            case .noRestrictions: "No restrictions"
            case .other: "Other"
            }
        }
    }

    /// Box 19: mental status.
    public enum MentalStatus: String, Sendable, Codable, CaseIterable {
        case oriented, comatose, forgetful, depressed, disoriented, lethargic, agitated, other

        public var title: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
    }

    /// Box 20: prognosis.
    public enum Prognosis: String, Sendable, Codable, CaseIterable {
        case poor, guarded, fair, good, excellent

        public var title: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
    }

    public var functionalLimitations: [FunctionalLimitation]
    public var activitiesPermitted: [ActivityPermitted]
    public var mentalStatus: [MentalStatus]
    public var prognosis: Prognosis?
    /// Box 14: DME and supplies.
    public var equipmentAndSupplies: String
    /// Box 15: safety measures.
    public var safetyMeasures: String
    /// Box 16: nutritional requirements.
    public var nutrition: String
    /// Box 22: rehabilitation potential and discharge plans.
    public var rehabilitationPotential: String
    public var dischargePlans: String
    /// The patient's risk of emergency visits and readmission, and what is done about it [42 CFR 484.60(a)(2)(xii)].
    public var hospitalizationRisk: String
    /// Box 10 until the medication profile exists: the medications as the physician ordered them.
    public var medications: String

    public init(functionalLimitations: [FunctionalLimitation] = [], activitiesPermitted: [ActivityPermitted] = [],
                mentalStatus: [MentalStatus] = [], prognosis: Prognosis? = nil, equipmentAndSupplies: String = "",
                safetyMeasures: String = "", nutrition: String = "", rehabilitationPotential: String = "",
                dischargePlans: String = "", hospitalizationRisk: String = "", medications: String = "") {
        self.functionalLimitations = functionalLimitations
        self.activitiesPermitted = activitiesPermitted
        self.mentalStatus = mentalStatus
        self.prognosis = prognosis
        self.equipmentAndSupplies = equipmentAndSupplies
        self.safetyMeasures = safetyMeasures
        self.nutrition = nutrition
        self.rehabilitationPotential = rehabilitationPotential
        self.dischargePlans = dischargePlans
        self.hospitalizationRisk = hospitalizationRisk
        self.medications = medications
    }

    /// What a plan of care cannot be sent for signature without, by field; empty when complete.
    /// Prognosis, safety measures and rehabilitation potential are required entries on the plan [42 CFR 484.60(a)(2)].
    public var missingForSignature: [String: String] {
        var missing: [String: String] = [:]
        if prognosis == nil { missing["prognosis"] = "Choose the prognosis." }
        if mentalStatus.isEmpty { missing["mentalStatus"] = "Tick the patient's mental status." }
        if safetyMeasures.trimmed.isEmpty { missing["safetyMeasures"] = "Write the safety measures (or \"standard precautions\")." }
        if rehabilitationPotential.trimmed.isEmpty { missing["rehabilitationPotential"] = "Write the rehabilitation potential." }
        if dischargePlans.trimmed.isEmpty { missing["dischargePlans"] = "Write the discharge plan." }
        if hospitalizationRisk.trimmed.isEmpty { missing["hospitalizationRisk"] = "Describe the risk of emergency visits and readmission, and what is done about it." }
        return missing
    }

    /// "field: old → new" for each box that differs, in box order, for the version diff.
    public func changes(to newer: PlanOfCareFields) -> [String] {
        func list<T: RawRepresentable>(_ values: [T], _ title: (T) -> String) -> String {
            values.isEmpty ? "none" : values.map(title).joined(separator: ", ")
        }
        func text(_ value: String) -> String { value.trimmed.isEmpty ? "none" : value.trimmed }
        let pairs: [(String, String, String)] = [
            ("Medications", text(medications), text(newer.medications)),
            ("DME and supplies", text(equipmentAndSupplies), text(newer.equipmentAndSupplies)),
            ("Safety measures", text(safetyMeasures), text(newer.safetyMeasures)),
            ("Nutrition", text(nutrition), text(newer.nutrition)),
            ("Functional limitations", list(functionalLimitations, \.title), list(newer.functionalLimitations, \.title)),
            ("Activities permitted", list(activitiesPermitted, \.title), list(newer.activitiesPermitted, \.title)),
            ("Mental status", list(mentalStatus, \.title), list(newer.mentalStatus, \.title)),
            ("Prognosis", prognosis?.title ?? "none", newer.prognosis?.title ?? "none"),
            ("Rehabilitation potential", text(rehabilitationPotential), text(newer.rehabilitationPotential)),
            ("Discharge plans", text(dischargePlans), text(newer.dischargePlans)),
            ("Risk of hospitalization", text(hospitalizationRisk), text(newer.hospitalizationRisk)),
        ]
        return pairs.filter { $0.1 != $0.2 }.map { "\($0.0): \($0.1) → \($0.2)" }
    }
}
