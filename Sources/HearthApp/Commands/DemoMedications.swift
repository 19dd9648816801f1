import Foundation
import HearthCore

/// Synthetic medication profiles: a few regimens per patient (heart failure, diabetes, COPD, anticoagulation, pain, mood),
/// supplies at every stage of refill, a week of MAR for aide-given medicines, twelve weeks of adherence checks that improve
/// with teaching, and for some patients just home from hospital a discharge list waiting to be reconciled.
enum DemoMedications {
    struct Rows {
        var medications: [MedicationRecord] = []
        var administrations: [MedicationAdministrationRecord] = []
        var checks: [AdherenceCheckRecord] = []
        var reconciliations: [MedicationReconciliationRecord] = []
    }

    /// Regimens in the typed-list format a case manager would use: name and strength; dose; route; how often.
    static let regimens: [[String]] = [
        ["Furosemide 40 mg; 1 tablet; oral; twice a day", "Lisinopril 10 mg; 1 tablet; oral; once a day",
         "Metoprolol succinate ER 25 mg; 1 tablet; oral; once a day", "Potassium chloride ER 20 mEq; 1 tablet; oral; once a day"],
        ["Metformin 500 mg; 1 tablet; oral; twice a day", "Insulin glargine 100 units/mL; 20 units; subcutaneous; once a day",
         "Atorvastatin 40 mg; 1 tablet; oral; once a day"],
        ["Tiotropium 18 mcg; 1 capsule; inhaled; once a day", "Albuterol HFA 90 mcg; 2 puffs; inhaled; every 4 hours as needed for shortness of breath"],
        ["Apixaban 5 mg; 1 tablet; oral; twice a day", "Amlodipine 5 mg; 1 tablet; oral; once a day"],
        ["Acetaminophen 500 mg; 2 tablets; oral; every 6 hours as needed for pain", "Gabapentin 300 mg; 1 capsule; oral; three times a day"],
        ["Sertraline 50 mg; 1 tablet; oral; once a day", "Omeprazole 20 mg; 1 capsule; oral; once a day"],
        ["Levothyroxine 50 mcg; 1 tablet; oral; once a day", "Docusate sodium 100 mg; 1 capsule; oral; twice a day"],
    ]

    /// What a hospital typically changes: a new short course, a drug the hospital stopped, a dose raised.
    static let hospitalAdditions = ["Cephalexin 500 mg; 1 capsule; oral; four times a day", "Prednisone 20 mg; 1 tablet; oral; once a day",
                                    "Oxycodone 5 mg; 1 tablet; oral; every 6 hours as needed for severe pain",
                                    "Bactrim DS 800-160 mg; 1 tablet; oral; twice a day"]

    /// The allergy that shows the medication safety check: every 25th patient, the first among them, is allergic to
    /// sulfonamide antibiotics, so adding Bactrim DS (or accepting it from a discharge list) is stopped with the finding.
    static let showcaseAllergy = ("Sulfonamide antibiotics", "Rash", "moderate")

    /// A patient's demo allergies with the showcase allergy made sure of for every 25th patient.
    static func allergies(serial: Int, _ generated: [(String, String, String)]) -> [(String, String, String)] {
        guard serial % 25 == 0, !generated.contains(where: { $0.0 == showcaseAllergy.0 }) else { return generated }
        return generated + [showcaseAllergy]
    }
    static let pharmacies = ["Main Street Pharmacy (synthetic)", "Riverside Drug (synthetic)", "HomeMeds Mail Order (synthetic)"]

    /// The regimen lines parsed once; a line that does not parse is a bug in this file and stops the demo at once.
    static let parsed: [[Medication]] = regimens.map { lines in
        let list = IncomingMedicationList(text: lines.joined(separator: "\n"), start: CalendarDate("2026-01-01")!)
        precondition(list.problems.isEmpty, "demo regimen does not parse: \(list.problems)")
        return list.medications
    }

    static func rows(serial: Int, patientID: UUID, hasAide: Bool, waiting: TransitionKind?, start: CalendarDate, today: CalendarDate, prescriber: String,
                     by userID: UUID?, catalog: MedicationCatalog, now: Date) throws -> Rows {
        var rows = Rows()
        let spread = DemoNames.spread(serial)
        let picks = [spread % parsed.count, (spread / 3 + 1) % parsed.count, serial % 2 == 0 ? (spread / 7 + 3) % parsed.count : -1]
        var profile: [Medication] = []
        for (position, index) in picks.enumerated() where index >= 0 && !picks.prefix(position).contains(index) { profile += parsed[index] }
        let withHistory = spread % 2 == 0
        for (offset, template) in profile.enumerated() {
            var medication = template
            medication.start = start
            medication.prescriber = prescriber
            medication.pharmacy = pharmacies[(serial + offset) % pharmacies.count]
            medication.schedule = withClockTimes(medication.schedule)
            medication.administeredBy = hasAide && offset < 2 && medication.schedule.isScheduled ? .aide : (spread % 4 == 0 ? .caregiver : .patient)
            medication.supply = RefillSupply(daysSupply: 30, lastFilled: today.adding(days: -((spread + offset * 11) % 34)))
            let record = MedicationRecord()
            record.id = UUID()
            record.$patient.id = patientID
            record.$createdBy.id = userID
            try MedicationStore.store(medication, in: record, catalog: catalog)
            rows.medications.append(record)
            if withHistory && medication.administeredBy.usesMAR {
                rows.administrations += mar(for: medication, record: record, serial: serial + offset, today: today, by: userID, now: now)
            }
        }
        if withHistory {
            rows.checks = adherence(profile: zip(rows.medications, profile).filter { !$0.1.administeredBy.usesMAR }.map(\.0), serial: serial,
                                    start: start, today: today, by: userID, now: now)
        }
        if let waiting {
            rows.reconciliations.append(try reconciliation(home: zip(rows.medications, profile).map { ($0.0, $0.1) }, transition: waiting, serial: serial,
                                                           patientID: patientID, today: today, by: userID, catalog: catalog))
        }
        return rows
    }

    /// Clock times a nurse would write on the MAR: morning, afternoon, evening.
    static func withClockTimes(_ schedule: MedicationSchedule) -> MedicationSchedule {
        guard schedule.times.isEmpty, let count = schedule.timesPerDay, count <= 4 else { return schedule }
        var timed = schedule
        timed.times = [["08:00"], ["08:00", "20:00"], ["08:00", "14:00", "20:00"], ["08:00", "12:00", "17:00", "21:00"]][count - 1].compactMap { TimeOfDay($0) }
        return timed
    }

    /// A week of aide-given doses: most given, now and then one held, refused or missed with the reason.
    static func mar(for medication: Medication, record: MedicationRecord, serial: Int, today: CalendarDate, by userID: UUID?, now: Date) -> [MedicationAdministrationRecord] {
        var rows: [MedicationAdministrationRecord] = []
        for back in 1...7 {
            let day = today.adding(days: -back)
            for (slot, time) in medication.schedule.times.enumerated() {
                let row = MedicationAdministrationRecord()
                row.$patient.id = record.$patient.id
                row.$medication.id = record.id!
                row.givenOn = day.description
                row.slot = time.description
                let roll = (serial * 31 + back * 7 + slot * 3) % 20
                let (status, reason): (AdministrationStatus, String?) = switch roll {
                case 0: (.held, "Pulse 54 before the dose; nurse and physician informed")
                case 1: (.refused, "Patient said the tablet makes her nauseous")
                case 2: (.missed, "Aide visit rescheduled by the family")
                default: (.given, nil)
                }
                row.status = status.rawValue
                row.reason = reason
                row.$recordedBy.id = userID
                row.recordedAt = now.addingTimeInterval(-Double(back) * 86_400)
                rows.append(row)
            }
        }
        return rows
    }

    /// A check each week for twelve weeks, on the self-given medicines in turn; misses thin out as teaching takes hold.
    static func adherence(profile: [MedicationRecord], serial: Int, start: CalendarDate, today: CalendarDate, by userID: UUID?, now: Date) -> [AdherenceCheckRecord] {
        guard !profile.isEmpty else { return [] }
        var rows: [AdherenceCheckRecord] = []
        for week in 0..<12 {
            let day = today.adding(days: -7 * (11 - week) - serial % 5)
            guard day >= start else { continue }
            // One check a week, on one of the self-given medicines in turn.
            let offset = (week + serial) % profile.count
            let row = AdherenceCheckRecord()
            row.$patient.id = profile[offset].$patient.id
            row.$medication.id = profile[offset].id!
            row.checkedOn = day.description
            let missed = (serial + week * 5 + offset) % 12 < max(1, 6 - week / 2)
            row.result = missed ? (week % 3 == 0 ? AdherenceResult.wrongDose : .missedDoses).rawValue : AdherenceResult.takenAsPrescribed.rawValue
            row.note = missed ? "Pill organizer showed doses not taken; reviewed the schedule with the patient" : nil
            row.$recordedBy.id = userID
            row.recordedAt = now
            rows.append(row)
        }
        return rows
    }

    /// The hospital's discharge list for a patient just resumed: one dose raised, one drug under its brand name,
    /// one stopped, one new course; waiting for the case manager to decide each line.
    static func reconciliation(home: [(MedicationRecord, Medication)], transition: TransitionKind, serial: Int, patientID: UUID, today: CalendarDate, by userID: UUID?,
                               catalog: MedicationCatalog) throws -> MedicationReconciliationRecord {
        var incoming = home.dropLast().map(\.1)
        // The hospital raised one once-a-day dose from 1 to 2 (lisinopril 10 → 20 mg, say); never a PRN or a high-alert drug.
        if let index = incoming.firstIndex(where: { $0.dose.amount == 1 && $0.schedule.timesPerDay == 1 && !$0.schedule.asNeeded
                                                    && catalog.isHighAlert($0.name) == nil }) {
            incoming[index].dose.amount = 2
        }
        if let index = incoming.firstIndex(where: { $0.name == "Furosemide" }) { incoming[index].name = "Lasix" }
        let added = IncomingMedicationList(text: hospitalAdditions[serial % hospitalAdditions.count], start: today).medications
        incoming += added
        let reconciliation = Reconciliation(
            transition: transition, date: today,
            home: home.map { MedicationLine(medication: $0.1, id: $0.0.id!.uuidString.lowercased()) },
            incoming: incoming.enumerated().map { MedicationLine(medication: $0.element, id: "in-\($0.offset + 1)") }, catalog: catalog)
        let record = MedicationReconciliationRecord()
        record.$patient.id = patientID
        record.transition = transition.rawValue
        record.source = (transition == .resumptionOfCare ? "Discharge list, " : "Referral medication list, ")
            + ["Riverside General Hospital", "Mercy East Hospital", "St. Anne's Medical Center"][serial % 3] + " (synthetic)"
        record.status = "open"
        record.reconciliationJSON = try ReconciliationController.encode(reconciliation)
        record.$createdBy.id = userID
        return record
    }
}
