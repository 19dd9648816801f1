import Fluent
import Foundation
import HearthCore
import Vapor

/// The plan of care as the physician signs it and the printer prints it: the CMS-485 boxes in order.
/// `text` is the exact document an order carries; its SHA-256 is on the signature manifest.
struct PlanOfCareDocument: Encodable, Sendable {
    struct Box: Encodable, Sendable {
        var number: String
        var title: String
        var lines: [String]
    }

    var patientName: String
    var mrn: String
    var birthDate: String
    var address: String
    var period: String
    var startOfCare: String
    var physician: String
    var agency: String
    var boxes: [Box]

    /// Loads what the plan of care prints besides the plan itself: diagnoses, allergies, the physician.
    static func make(patient: Patient, plan: CarePlanStore.Plan, agency: String, today: CalendarDate, on db: any Database) async throws -> PlanOfCareDocument {
        let patientID = try patient.requireID()
        // Box 10 is the medication profile as it stands (drug, dose, route, frequency), not a note such as "see orders".
        let medications = try await MedicationStore.profile(of: patientID, on: db).filter { $0.1.isActive(on: today) }.map(\.1.sig)
        let diagnoses = try await Diagnosis.query(on: db).filter(\.$patient.$id == patientID).filter(\.$resolvedDate == nil)
            .sort(\.$rank).sort(\.$createdAt).all()
        let allergies = try await Allergy.query(on: db).filter(\.$patient.$id == patientID).sort(\.$substance).all()
        let physician = try await patient.$physician.get(on: db)
        let content = plan.content, details = plan.details
        func list(_ values: [String]) -> [String] { values.isEmpty ? ["none recorded"] : [values.joined(separator: ", ")] }
        func text(_ value: String) -> [String] { value.isEmpty ? ["none recorded"] : value.split(separator: "\n").map(String.init) }
        let goals = content.goals.filter(\.status.isInForce).map { "\($0.what): \($0.measure), by \($0.targetDate)" }
        let orders = content.interventions.map { item in
            "\(item.orderText): \(item.action)" + (item.prnTrigger.map { " (PRN for: \($0))" } ?? "")
        }
        let primary = diagnoses.filter { $0.rank == DiagnosisDraft.Rank.primary.rawValue }
        let others = diagnoses.filter { $0.rank != DiagnosisDraft.Rank.primary.rawValue }
        return PlanOfCareDocument(
            patientName: "\(patient.listName)", mrn: patient.mrn, birthDate: patient.birthDate,
            address: [patient.addressLine, patient.city, patient.state, patient.postalCode].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", "),
            period: plan.period.map { "\($0.start) to \($0.end)" } ?? "not started",
            startOfCare: plan.domain.startOfCare?.description ?? "", physician: physician?.displayName ?? "none assigned", agency: agency,
            boxes: [
                Box(number: "10", title: "Medications: dose, frequency, route",
                    lines: (medications.isEmpty ? ["none on the medication profile"] : medications)
                        + (details.medications.isEmpty ? [] : text(details.medications).map { "Note: " + $0 })),
                Box(number: "11", title: "Principal diagnosis (ICD-10-CM)", lines: list(primary.map { "\($0.code) \($0.title)" })),
                Box(number: "13", title: "Other pertinent diagnoses", lines: list(others.map { "\($0.code) \($0.title)" })),
                Box(number: "14", title: "DME and supplies", lines: text(details.equipmentAndSupplies)),
                Box(number: "15", title: "Safety measures", lines: text(details.safetyMeasures)),
                Box(number: "16", title: "Nutritional requirements", lines: text(details.nutrition)),
                Box(number: "17", title: "Allergies", lines: list(allergies.map { "\($0.substance)" + ($0.reaction.map { " (\($0))" } ?? "") })),
                Box(number: "18A", title: "Functional limitations", lines: list(details.functionalLimitations.map(\.title))),
                Box(number: "18B", title: "Activities permitted", lines: list(details.activitiesPermitted.map(\.title))),
                Box(number: "19", title: "Mental status", lines: list(details.mentalStatus.map(\.title))),
                Box(number: "20", title: "Prognosis", lines: [details.prognosis?.title ?? "none recorded"]),
                Box(number: "21", title: "Orders for discipline and treatments", lines: orders.isEmpty ? ["none"] : orders),
                Box(number: "22", title: "Goals, rehabilitation potential, discharge plans",
                    lines: goals + ["Rehabilitation potential: " + (details.rehabilitationPotential.isEmpty ? "none recorded" : details.rehabilitationPotential),
                                    "Discharge plans: " + (details.dischargePlans.isEmpty ? "none recorded" : details.dischargePlans)]),
                Box(number: "—", title: "Risk of emergency visits and readmission", lines: text(details.hospitalizationRisk)),
                Box(number: "—", title: "Patient and family input", lines: patientInput(content.patientInput)),
            ])
    }

    static func patientInput(_ input: PatientFamilyInput) -> [String] {
        var lines: [String] = []
        if !input.ownGoals.isEmpty { lines.append("In their words: \(input.ownGoals)") }
        if !input.preferences.isEmpty { lines.append("Preferences: \(input.preferences)") }
        lines += input.agreements.map { "Agreed by \($0.name) (\($0.relationship)) on \($0.on)" }
        return lines.isEmpty ? ["none recorded"] : lines
    }

    /// The plain text the physician signs: stable for the same plan, so its hash identifies it.
    var text: String {
        var lines = ["HOME HEALTH CERTIFICATION AND PLAN OF CARE", "Agency: \(agency)",
                     "Patient: \(patientName)  MRN: \(mrn)  Born: \(birthDate)", "Address: \(address)",
                     "Start of care: \(startOfCare)  Certification period: \(period)", "Physician: \(physician)", ""]
        for box in boxes {
            lines.append("\(box.number). \(box.title)")
            lines += box.lines.map { "  \($0)" }
        }
        return lines.joined(separator: "\n")
    }
}
