import Fluent
import Foundation
import HearthCore

/// The demo case manager's coordination work: calls and faxes in the communication log, referrals to the demo
/// directory in every state of the loop (one waiting too long for an answer), home safety walk-throughs with open,
/// overdue and resolved hazards, teaching with teach-back results (some needing reinforcement), and payer authorizations.
enum DemoCoordination {
    struct Context {
        var checklist: HomeSafetyChecklist
        var directory: ResourceDirectory
        var now: Date
        var zone: TimeZone
        var today: CalendarDate { CalendarDate(now, in: zone) }
        func at(_ daysAgo: Int, hour: Int = 10) -> Date {
            AgencyTime.instant(today.adding(days: -daysAgo), hour: hour, in: zone) ?? now
        }
    }

    static func seed(caseManager username: String, context: Context, on db: any Database) async throws {
        guard let manager = try await User.query(on: db).filter(\.$username == username).first(), let managerID = manager.id,
              try await CommunicationRecord.query(on: db).count() == 0 else { return }
        let patients = try await Patient.query(on: db).filter(\.$caseManager.$id == managerID).sort(\.$mrn).limit(12).with(\.$physician).all()
        guard patients.count >= 6 else { return }
        try await db.transaction { db in
            for (index, patient) in patients.prefix(6).enumerated() {
                try await communications(patient, index: index, manager: manager, context, on: db)
            }
            try await referrals(Array(patients.prefix(5)), manager: manager, context, on: db)
            for (index, patient) in patients.prefix(4).enumerated() {
                try await homeSafety(patient, index: index, manager: manager, context, on: db)
            }
            for (index, patient) in patients.prefix(8).enumerated() {
                try await teaching(patient, index: index, manager: manager, context, on: db)
            }
            for (index, patient) in patients.prefix(3).enumerated() {
                try await authorization(patient, index: index, manager: manager, context, on: db)
            }
        }
    }

    private static func communications(_ patient: Patient, index: Int, manager: User, _ context: Context, on db: any Database) async throws {
        let physician = patient.physician?.displayName ?? "Dr. Adeyemi"
        let entries: [(CommunicationKind, CommunicationDirection, CommunicationParty, String, String, String)] = [
            (.call, .outgoing, .physician, physician, "Weight up 3 lb in two days",
             "Reported weight gain and ankle swelling. Order: extra furosemide 20 mg for three days, recheck weight daily."),
            (.fax, .outgoing, .pharmacy, "Riverbend Pharmacy", "Refill request: metoprolol",
             "Faxed the refill request; pharmacy to deliver Thursday."),
            (.call, .incoming, .family, "Daughter", "Worried about night-time confusion",
             "Daughter reports confusion after 8 pm for a week. Explained delirium signs; nurse to screen at the next visit."),
        ]
        for (offset, entry) in entries.prefix(1 + index % 3).enumerated() {
            let row = CommunicationRecord()
            row.$patient.id = try patient.requireID()
            row.kind = entry.0.rawValue
            row.direction = entry.1.rawValue
            row.party = entry.2.rawValue
            row.partyName = entry.3
            row.subject = entry.4
            row.summary = entry.5
            row.occurredAt = context.at(offset * 3 + index, hour: 9 + offset)
            row.$recordedBy.id = manager.id
            if offset == 0 && index < 2 {
                let task = CareTask()
                task.$patient.id = try patient.requireID()
                task.$assignedTo.id = try manager.requireID()
                task.title = index == 0 ? "Call \(physician)'s office: confirm the new diuretic dose" : "Check the pharmacy delivered the refill"
                task.detail = "After the \(entry.0.title.lowercased()) with \(entry.3): \(entry.4)"
                task.priority = WorklistPriority.high.rawValue
                task.dueAt = AgencyTime.endOfDay(context.today.adding(days: index), in: context.zone)
                task.status = "open"
                task.source = WorklistSource.communicationFollowUp.rawValue
                try await task.create(on: db)
                row.$task.id = task.id
                task.dedupeKey = "communication:\(try task.requireID().uuidString.lowercased())"
                try await task.save(on: db)
            }
            try await row.create(on: db)
        }
    }

    /// One referral per state: sent six days ago with no answer (overdue), accepted, service started, closed, declined.
    private static func referrals(_ patients: [Patient], manager: User, _ context: Context, on db: any Database) async throws {
        let wanted = ["svc-medical-rides", "svc-respite", "svc-grab-bars", "svc-benefits", "svc-caregiver-group"]
        let services = wanted.compactMap(context.directory.service) + context.directory.services.filter(\.isActive)
        guard services.count >= patients.count else { return }
        let who = manager.displayName
        for (index, patient) in patients.enumerated() {
            let service = services[index]
            let start = context.at(10 - index)
            var referral = try ResourceReferral(id: UUID().uuidString, patientID: try patient.requireID().uuidString, owner: try manager.requireID().uuidString,
                                                service: service, organization: context.directory.organization(service.organizationID),
                                                need: service.name, at: start, by: who)
            let sent = index == 0 ? context.at(6) : start.addingTimeInterval(3600)
            try referral.send(at: sent, by: who, note: "Faxed the referral form with the face sheet.", service: service)
            let answered = sent.addingTimeInterval(86_400)
            switch index {
            case 1: try referral.accept(at: answered, by: who, note: "Intake call scheduled.")
            case 2:
                try referral.accept(at: answered, by: who)
                try referral.startService(at: answered.addingTimeInterval(2 * 86_400), by: who, note: "First visit done.")
            case 3:
                try referral.accept(at: answered, by: who)
                try referral.startService(at: answered.addingTimeInterval(86_400), by: who)
                try referral.close(outcome: "Work completed; patient satisfied.", at: answered.addingTimeInterval(3 * 86_400), by: who)
            case 4: try referral.decline(reason: "Waiting list is full until next quarter.", at: answered, by: who)
            default: break
            }
            let row = ResourceReferralRecord()
            row.id = UUID(uuidString: referral.id)
            row.$patient.id = try patient.requireID()
            row.$owner.id = manager.id
            try ResourcesController.store(referral, in: row)
            try await row.create(on: db)
        }
    }

    /// A walk-through a few weeks ago with the hazards it found; one is fixed, one waits past its follow-up day.
    private static func homeSafety(_ patient: Patient, index: Int, manager: User, _ context: Context, on db: any Database) async throws {
        let checklist = context.checklist
        let evaluatedOn = context.today.adding(days: -(12 + index * 5))
        var evaluation = HomeSafetyEvaluation(checklistVersion: checklist.version, evaluatedOn: evaluatedOn)
        let hazardIDs = Set(checklist.items.enumerated().filter { ($0.offset + index) % 9 == 0 }.map(\.element.id).prefix(2 + index % 3))
        for item in checklist.items {
            if hazardIDs.contains(item.id) {
                evaluation.answer(item.id, .hazard, note: "Seen in the \(item.area.title.lowercased()).")
            } else {
                evaluation.answer(item.id, item.area == .oxygen && index % 2 == 0 ? .notApplicable : .safe)
            }
        }
        let record = HomeSafetyEvaluationRecord()
        record.$patient.id = try patient.requireID()
        record.$evaluatedBy.id = manager.id
        record.findingsRecorded = true
        try HomeSafetyStore.store(evaluation, hazards: hazardIDs.count, in: record)
        try await record.create(on: db)
        for (offset, draft) in evaluation.findingDrafts(in: checklist).enumerated() {
            guard let item = checklist.item(draft.itemID) else { continue }
            // The first hazard's follow-up day has passed: it is overdue on the worklist.
            let followUp = offset == 0 ? context.today.adding(days: -2) : context.today.adding(days: item.severity.followUpDays - 5)
            var finding = HomeSafetyFinding(restoring: UUID().uuidString, itemID: item.id, area: item.area, hazard: item.hazard, foundOn: evaluatedOn,
                                            severity: item.severity, modification: item.modification,
                                            responsible: offset % 2 == 0 ? .family : .dmeVendor, responsibleName: offset % 2 == 0 ? "Daughter" : "Acme Medical Supply",
                                            followUpOn: followUp, note: draft.note.nilIfEmpty, state: .open, closure: nil)
            if offset == 1 {
                try finding.resolve(note: "Installed and checked at the visit.", photoDescription: "Photo of the change, taken at the visit",
                                    on: evaluatedOn.adding(days: 6), by: manager.displayName)
            }
            let row = HomeSafetyFindingRecord()
            row.id = UUID(uuidString: finding.id)
            row.$patient.id = try patient.requireID()
            row.$evaluation.id = record.id
            try HomeSafetyStore.store(finding, in: row)
            try await row.create(on: db)
        }
    }

    /// Payer authorizations: one ending within the week (a task to ask for more), the others comfortably in force.
    private static func authorization(_ patient: Patient, index: Int, manager: User, _ context: Context, on db: any Database) async throws {
        let payer = try await Coverage.query(on: db).filter(\.$patient.$id == patient.requireID()).sort(\.$order).first()?.payer ?? "Buckeye Health Plan"
        let authorization = VisitAuthorization(payer: payer, number: "AUTH-\(2026_1100 + index)", discipline: index == 2 ? .physicalTherapy : .skilledNursing,
                                               visitsAuthorized: [8, 16, 12][index], start: context.today.adding(days: -25 - index * 5),
                                               end: context.today.adding(days: index == 0 ? 5 : 35 + index * 10))
        try await AuthorizationStore.row(authorization, patientID: try patient.requireID(), by: manager.id).create(on: db)
    }

    private static func teaching(_ patient: Patient, index: Int, manager: User, _ context: Context, on db: any Database) async throws {
        let lessons: [(String, Learner, String?, TeachingMethod, TeachBackResult, String?)] = [
            ("Heart failure self-care", .patient, nil, .explanation, .understood, nil),
            ("Fall prevention", .caregiver, "Daughter", .demonstration, .needsReinforcement, "Still leaves the rug in the hallway."),
            ("Insulin use", .patient, nil, .returnDemonstration, .understood, nil),
            ("Low-sodium diet", .family, "Son", .writtenMaterial, .unable, "Hard of hearing; repeat with written material at the next visit."),
        ]
        for (offset, lesson) in lessons.enumerated() where (offset + index) % 2 == 0 || offset == 0 {
            let record = TeachingRecord(topic: lesson.0, learner: lesson.1, method: lesson.3, result: lesson.4, note: lesson.5)
            try await TeachingStore.row(record, learnerName: lesson.2, on: context.today.adding(days: -(offset * 4 + index)),
                                        patientID: try patient.requireID(), by: manager.id).create(on: db)
        }
    }
}
