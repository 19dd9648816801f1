import Fluent
import Foundation
import HearthCore

/// Applies a finished reconciliation's decisions to the profile: continue, adopt the other list's version, add, or stop.
/// Every change goes through `MedicationStore`, so each one joins the medication's history with the reconciliation as its reason.
struct ReconciliationApplier {
    let patientID: UUID
    let userID: UUID
    let today: CalendarDate
    let catalog: MedicationCatalog
    let db: any Database

    /// `overrides` holds, by line id, the recorded decision to take a medication despite a safety finding.
    func apply(_ reconciliation: Reconciliation, overrides: [String: MedicationSafetyOverride] = [:]) async throws {
        let reason = "reconciliation at \(reconciliation.transition.title.lowercased())"
        for line in reconciliation.lines {
            guard let decision = line.decision else { continue }
            switch (decision, line.home, line.incoming) {
            case (.keepHome, _, _):
                continue
            case (.takeIncoming, let home?, let incoming?):
                guard let record = try await homeRecord(home.id), let new = medication(incoming) else { continue }
                let old = try MedicationStore.decode(record)
                // The other list says how much and how; the name the family knows (Furosemide, not Lasix), who gives it,
                // the supply and the prescriber stay as the profile knows them.
                var adopted = new
                adopted.name = old.name
                adopted.rxnorm = new.rxnorm ?? old.rxnorm
                adopted.start = old.start
                adopted.administeredBy = old.administeredBy
                adopted.supply = old.supply
                adopted.prescriber = new.prescriber ?? old.prescriber
                adopted.pharmacy = new.pharmacy ?? old.pharmacy
                try await MedicationStore.update(record, from: old, to: adopted, by: userID, note: note(reason, line), override: overrides[line.id],
                                                 catalog: catalog, on: db)
            case (.takeIncoming, nil, let incoming?):
                guard var new = medication(incoming) else { continue }
                new.start = today
                try await MedicationStore.add(new, patientID: patientID, by: userID, note: note(reason, line), override: overrides[line.id],
                                              catalog: catalog, on: db)
            case (.stop, let home?, _):
                guard let record = try await homeRecord(home.id) else { continue }
                let old = try MedicationStore.decode(record)
                var stopped = old
                stopped.stop = max(old.start, today)
                try await MedicationStore.update(record, from: old, to: stopped, by: userID, note: note(reason, line), catalog: catalog, on: db)
            case (.stop, nil, _), (.takeIncoming, _, nil):
                continue // not added, or nothing to adopt
            }
        }
    }

    /// The other list's entry as a profile entry; lines typed in or imported always carry a dose, route and schedule.
    private func medication(_ line: MedicationLine) -> Medication? {
        guard let dose = line.dose, let route = line.route, let schedule = line.schedule else { return nil }
        return Medication(name: line.name, rxnorm: line.rxnorm, strength: line.strength, dose: dose, route: route, schedule: schedule,
                          start: today, administeredBy: .patient)
    }

    private func note(_ reason: String, _ line: ReconciliationLine) -> String {
        [reason, line.note].compactMap { $0 }.joined(separator: ": ")
    }

    /// The profile row a home-list line came from; only this patient's rows are found.
    private func homeRecord(_ lineID: String) async throws -> MedicationRecord? {
        guard let id = UUID(uuidString: lineID) else { return nil }
        return try await MedicationRecord.query(on: db).filter(\.$id == id).filter(\.$patient.$id == patientID).first()
    }
}
