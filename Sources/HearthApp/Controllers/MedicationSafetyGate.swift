import Fluent
import Foundation
import HearthCore
import Vapor

/// Where a medication is saved (added, changed, accepted at reconciliation): runs `MedicationSafetyCheck` and lets the
/// save through only when nothing is found or every new finding is answered by an override reason, which is recorded.
struct MedicationSafetyGate {
    /// What the gate decided for one save.
    enum Verdict {
        /// Nothing new was found: save.
        case clear
        /// Save, recording this override with the medication.
        case overridden(MedicationSafetyOverride)
        /// Do not save: show the findings and ask for a reason (`problem` is set when a reason was posted but cannot be used).
        case refused([MedicationSafetyFinding], problem: String?)
    }

    let check: MedicationSafetyCheck
    let allergies: [RecordedAllergy]
    /// The allergies matched to the catalog once, for a page's or a list's every line.
    let allergens: MedicationSafetyCheck.Allergens
    let today: CalendarDate
    let now: Date

    /// The patient's allergies as they stand, read once per request.
    init(patientID: UUID, req: Request) async throws {
        check = MedicationSafetyCheck(catalog: req.application.medicationCatalog)
        today = req.agencyToday
        now = req.now
        let zone = req.application.settings.agencyTimeZone
        allergies = try await Allergy.query(on: req.db).filter(\.$patient.$id == patientID).sort(\.$createdAt).all().map { row in
            RecordedAllergy(substance: row.substance, reaction: row.reaction, recordedOn: row.createdAt.map { CalendarDate($0, in: zone) })
        }
        allergens = check.allergens(allergies)
    }

    /// Decides one save. `reason` is nil when the form did not offer the override field yet.
    func verdict(_ findings: [MedicationSafetyFinding], earlier: [MedicationSafetyOverride] = [], reason: String?, by user: CurrentUser) -> Verdict {
        let unanswered = MedicationSafetyOverride.unanswered(findings, by: earlier)
        guard !unanswered.isEmpty else { return .clear }
        guard let reason, MedicationSafetyOverride.problem(with: reason) == nil else {
            return .refused(findings, problem: reason.flatMap(MedicationSafetyOverride.problem(with:)))
        }
        return .overridden(MedicationSafetyOverride(reason: reason.trimmingCharacters(in: .whitespacesAndNewlines), byID: user.id,
                                                    byName: user.displayName, at: now, findings: unanswered))
    }

    /// The overrides already recorded on a medication, oldest first.
    static func overrides(_ record: MedicationRecord) throws -> [MedicationSafetyOverride] {
        guard let json = record.safetyOverridesJSON else { return [] }
        return try StoredJSON.decode([MedicationSafetyOverride].self, from: json, what: "medication's safety override")
    }

    /// Adds an override to the row (the caller saves it) and returns the line for the audit record's detail.
    static func attach(_ override: MedicationSafetyOverride, to record: MedicationRecord) throws -> String {
        record.safetyOverridesJSON = try StoredJSON.encode(try overrides(record) + [override])
        return summary(override)
    }

    /// "Override: <reason>. Findings: <each finding>".
    static func summary(_ override: MedicationSafetyOverride) -> String {
        "Safety override by \(override.byName): \(override.reason). Findings: " + override.findings.map(\.text).joined(separator: " ")
    }

    /// The change-history line for an override, in the same transaction as the save.
    static func historyLine(_ override: MedicationSafetyOverride, medication: String, record: MedicationRecord) throws -> RecordChange {
        RecordChange(patientID: record.$patient.id, field: "\(medication): saved despite a safety warning", from: nil,
                     to: String(summary(override).prefix(2000)), by: override.byID, recordID: try record.requireID())
    }

    /// The warning drawn at the top of the page: each finding, and the reason field that belongs to the form `formID`.
    static func warning(_ findings: [MedicationSafetyFinding], drug: String, reason: String?, problem: String?, formID: String,
                        button: String, advice: String = "Change the medication below, or, if the prescriber confirms it, give the reason and save anyway.")
        -> SafetyWarning {
        let stops = findings.filter { $0.severity == .stop }.count
        return SafetyWarning(
            heading: stops > 0 ? "Stop: \(drug) was not saved. Check \(findings.count == 1 ? "this" : "these") first."
                : "Caution: \(drug) was not saved. Check \(findings.count == 1 ? "this" : "these") first.",
            findings: findings.map { .init(severity: $0.severity.rawValue, severityTitle: $0.severity.title, text: $0.text) },
            advice: advice + " Your name, the time, the reason and these findings are recorded.",
            formID: formID, reason: reason ?? "", reasonError: problem, button: button)
    }
}

/// The block at the top of a refused page: what was found and how to save anyway.
struct SafetyWarning: Encodable, Sendable {
    struct Finding: Encodable, Sendable {
        var severity: String
        var severityTitle: String
        var text: String
    }

    var heading: String
    var findings: [Finding]
    /// What to do now: change the medication, or give the reason.
    var advice: String
    /// The id of the form the reason field and button submit.
    var formID: String
    var reason: String
    var reasonError: String?
    var button: String
}
