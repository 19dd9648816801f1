import Fluent
import Foundation
import HearthCore
import Vapor

/// The medication administration record: for each day, every dose an aide or nurse gives, and what happened to it.
struct MARController {
    struct RecordForm: Content {
        var medicationID: String?
        var date: String?
        var time: String?
        var status: String?
        var reason: String?
    }

    /// `GET /patients/:id/medications/mar?date=YYYY-MM-DD` (today when no date is given).
    func show(req: Request) async throws -> HTML {
        let patient = try await req.patient(.read)
        let today = req.agencyToday
        let asked = try? req.query.get(String.self, at: "date")
        guard let day = asked.map({ CalendarDate($0) }) ?? today else {
            throw AppError.badRequest("The date must look like \(today), e.g. ?date=\(today).")
        }
        try await req.auditRead("medication.mar.read", patientID: patient.id, resourceType: "MedicationAdministration", detail: day.description)
        return try await page(patient, day: day, error: nil, slotError: nil, req).html
    }

    /// `POST /patients/:id/medications/mar`: one dose given, held, refused or missed.
    func record(req: Request) async throws -> Response {
        let patient = try await req.patient(.document)
        let patientID = try patient.requireID()
        let form = try req.content.decode(RecordForm.self)
        let today = req.agencyToday
        guard let medicationID = form.medicationID.flatMap(UUID.init(uuidString:)),
              let record = try await MedicationRecord.query(on: req.db).filter(\.$id == medicationID).filter(\.$patient.$id == patientID).first()
        else { throw AppError.badRequest("Choose a medication on this patient's profile.") }
        let medication = try MedicationStore.decode(record)
        let draft = AdministrationDraft(status: form.status ?? "", date: form.date ?? "", time: form.time ?? "", reason: form.reason ?? "")
        let day = draft.date ?? today
        var message = ["medication", "status", "date", "time", "reason"].compactMap { draft.problems(for: medication, today: today)[$0] }.first
        let entry = draft.record(for: medication, today: today)
        if message == nil, let entry, !medication.schedule.asNeeded {
            // A scheduled dose is recorded once: the entry must find an open slot on the day's MAR.
            let existing = try await records(patientID: patientID, day: day, req).filter { $0.0 == medicationID.uuidString }.map(\.1)
            let mar = MARDay(date: day, medications: [(medicationID.uuidString, medication)],
                             records: (existing + [entry]).map { (medicationID.uuidString, $0) })
            if let row = mar.rows.first, row.extra.contains(entry) {
                message = "This dose of \(medication.name) on \(day)\(entry.time.map { " at \($0)" } ?? "") is already recorded."
            }
        }
        guard let entry, message == nil else {
            let error = message ?? "Choose given, held, refused or missed."
            return try await page(patient, day: day, error: error,
                                  slotError: (medicationID.uuidString.lowercased(), form.time ?? "", error), req).html
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
        let row = MedicationAdministrationRecord()
        row.$patient.id = patientID
        row.$medication.id = medicationID
        row.givenOn = entry.date.description
        row.slot = entry.time?.description
        row.status = entry.status.rawValue
        row.reason = entry.reason
        row.$recordedBy.id = try req.currentUser.id
        row.recordedAt = req.now
        try await req.auditedWrite { db, audit in
            try await row.create(on: db)
            try await audit("medication.mar.record", patientID: patientID, resourceType: "MedicationAdministration", resourceID: row.id?.uuidString)
        }
        return req.redirect(to: SiteURL.patient(patientID, .medications(.administrations)).path + "?date=\(entry.date)#mar-\(medicationID.uuidString.lowercased())")
    }

    /// The day's MAR entries as the domain reads them, with the medication they belong to.
    private func records(patientID: UUID, day: CalendarDate, _ req: Request) async throws -> [(String, AdministrationRecord)] {
        try await MedicationAdministrationRecord.query(on: req.db).filter(\.$patient.$id == patientID).filter(\.$givenOn == day.description).all()
            .compactMap { row in
                guard let status = AdministrationStatus(rawValue: row.status) else { return nil }
                return (row.$medication.id.uuidString, AdministrationRecord(status: status, date: day, time: row.slot.flatMap { TimeOfDay($0) }, reason: row.reason))
            }
    }

    private func page(_ patient: Patient, day: CalendarDate, error: String?, slotError: (String, String, String)?, _ req: Request) async throws -> MARPage {
        let patientID = try patient.requireID()
        let today = req.agencyToday
        let catalog = req.application.medicationCatalog
        let profile = try await MedicationStore.profile(of: patientID, on: req.db)
        let entries = try await MedicationAdministrationRecord.query(on: req.db).filter(\.$patient.$id == patientID)
            .filter(\.$givenOn == day.description).with(\.$recordedBy).sort(\.$recordedAt).all()
        let mar = MARDay(date: day, medications: profile.map { ($0.0.id?.uuidString ?? "", $0.1) },
                         records: try await records(patientID: patientID, day: day, req))
        let base = SiteURL.patient(patientID, .medications(.administrations)).path
        /// Who recorded an entry and when, from the row it came from.
        func slot(_ record: AdministrationRecord?, label: String, time: String, medicationID: String) -> MARPage.Slot {
            let row = record.flatMap { record in
                entries.first { $0.$medication.id.uuidString == medicationID && $0.status == record.status.rawValue
                    && $0.slot.flatMap { TimeOfDay($0) } == record.time && $0.reason == record.reason }
            }
            let id = medicationID.lowercased()
            return MARPage.Slot(time: label, value: time, status: record?.status.rawValue, statusTitle: record?.status.title, reason: record?.reason,
                                by: row.map { "\($0.recordedBy?.displayName ?? "") at \(req.agencyClock($0.recordedAt))" },
                                error: slotError.flatMap { $0.0 == id && $0.1 == time ? $0.2 : nil })
        }
        return MARPage(
            shell: PageShell(request: req, title: "MAR \(day): \(patient.listName)"),
            patientName: patient.displayName, backHref: SiteURL.patient(patientID, .medications).path, date: day.description,
            previousHref: base + "?date=\(day.adding(days: -1))", nextHref: day < today ? base + "?date=\(day.adding(days: 1))" : nil,
            canDocument: try await PatientAccess.may(.document, patient, req), recordAction: base,
            statuses: AdministrationStatus.allCases.map { FieldOption(value: $0.rawValue, label: $0.title, selected: false) },
            rows: mar.rows.map { row in
                let medication = row.medication
                return MARPage.Row(
                    medicationID: row.id.lowercased(), name: [medication.name, medication.strength].compactMap { $0 }.joined(separator: " "),
                    highAlert: catalog.isHighAlert(medication.name)?.title, sig: "\(medication.dose) \(medication.route.sigPhrase) \(medication.schedule)",
                    slots: row.slots.enumerated().map { index, s in
                        slot(s.record, label: s.time?.description ?? "Dose \(index + 1)", time: s.time?.description ?? "", medicationID: row.id)
                    },
                    asNeeded: medication.schedule.asNeeded,
                    prnGiven: row.extra.map { slot($0, label: $0.time?.description ?? "", time: $0.time?.description ?? "", medicationID: row.id) })
            },
            error: error)
    }
}
