import Foundation

/// The addresses of break-the-glass and of a patient's access report [45 CFR 164.312(a)(2)(ii), 164.528].
extension Paths {
    /// The supervisor's review of every emergency access.
    static let emergencyAccess = "/emergency-access"
    /// The look-up a clinician uses to find a patient not on her list, by MRN or by name and date of birth.
    static let emergencyAccessFind = "/emergency-access/find"
    static func reviewEmergencyAccess(_ id: UUID) -> String { "\(emergencyAccess)/\(id.uuidString.lowercased())/review" }
    /// Where a user gives her reason and opens the chart.
    static func patientEmergencyAccess(_ id: UUID) -> String { patient(id) + "/emergency-access" }
    static func endEmergencyAccess(_ id: UUID) -> String { patientEmergencyAccess(id) + "/end" }
    /// Who saw or changed the patient's record, when and from where.
    static func disclosures(_ id: UUID) -> String { patient(id) + "/disclosures" }
    static func disclosuresPrint(_ id: UUID) -> String { disclosures(id) + "/print" }

    /// The patient a `/patients/<id>/…` address names, if it names one.
    static func patientID(inPath path: String) -> UUID? {
        let parts = path.split(separator: "/")
        guard parts.count >= 2, parts[0] == "patients" else { return nil }
        return UUID(uuidString: String(parts[1]))
    }
}
