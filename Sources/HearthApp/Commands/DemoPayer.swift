import Fluent
import Foundation
import HearthCore

/// The demo health plan's case manager (the `payer` sign-in) and her members: the Medicare Advantage plan's members in
/// home health, each with a 60-day visit authorization for their nurse's or therapist's discipline. Their visits since
/// the authorization began are on the schedule as made and signed, so the visits used are counted, never typed; the
/// visits authorized are then set around that count so her day has what a payer acts on: most comfortably in force, a
/// few four in five used, a few ending within two weeks, one used up with visits still booked.
enum DemoPayer {
    static let plan = "Buckeye Senior Advantage (synthetic)"
    static let maxMembers = 30

    /// What the authorization is made to show.
    enum Story { case inForce, nearExhaustion, expiring, exhaustedWithVisitsBooked }

    static func seed(today: CalendarDate, now: Date, zone: TimeZone, on db: any Database) async throws {
        guard let payer = try await User.query(on: db).filter(\.$username == "payer").first(), let payerID = payer.id,
              try await Coverage.query(on: db).filter(\.$payerCaseManager.$id == payerID).count() == 0 else { return }
        let field = try await DemoVisits.fieldClinicians(on: db)
        // Each active member's nurse or therapist (the named demo nurse keeps her own story), in MRN order.
        var clinicianOf: [UUID: DemoVisits.FieldClinician] = [:]
        var episodeOf: [UUID: UUID] = [:]
        for clinician in field where clinician.discipline != .homeHealthAide && clinician.user.username != "clinician" {
            for (patient, episodeID) in clinician.patients {
                guard let id = patient.id, clinicianOf[id] == nil else { continue }
                clinicianOf[id] = clinician
                episodeOf[id] = episodeID
            }
        }
        let coverages = try await Coverage.query(on: db).filter(\.$payer == plan).filter(\.$patient.$id ~~ Array(clinicianOf.keys))
            .join(Patient.self, on: \Coverage.$patient.$id == \Patient.$id).sort(Patient.self, \.$mrn).limit(maxMembers).all()
        guard !coverages.isEmpty else { return }
        let booked = try await VisitRecord.query(on: db).filter(\.$patient.$id ~~ coverages.map(\.$patient.id)).all()
        var taken = try await takenSlots(of: field.compactMap(\.user.id), from: today.adding(days: -60), to: today, on: db)
        var visits: [VisitRecord] = []
        var authorizations: [AuthorizationRecord] = []
        var members: [Coverage] = []
        var exhaustedChosen = false
        for (index, coverage) in coverages.enumerated() {
            let patientID = coverage.$patient.id
            guard let clinician = clinicianOf[patientID] else { continue }
            let discipline = clinician.discipline.visitsFor
            let mine = booked.filter { $0.$patient.id == patientID && $0.discipline == discipline.rawValue }
            let ahead = mine.filter { $0.visitStatus == .scheduled && $0.scheduledOn >= today.description }.count
            var story: Story = [1, 6].contains(index % 10) ? .nearExhaustion : [3, 8].contains(index % 10) ? .expiring : .inForce
            let start = story == .expiring ? today.adding(days: -(46 + index % 10)) : today.adding(days: -(18 + (index * 7) % 24))
            // Twice a week since the authorization began, on the clinician's working days, in a free hour.
            var made = mine.filter { $0.visitStatus == .completed }.compactMap { CalendarDate($0.scheduledOn) }
            for back in stride(from: start.days(until: today), through: 1, by: -1) {
                let day = today.adding(days: -back)
                guard (back + index) % 3 == 0 || (back + index) % 7 == 0,
                      let visit = try pastVisit(patientID: patientID, episodeID: episodeOf[patientID] ?? nil, by: clinician,
                                                on: day, taken: &taken, zone: zone) else { continue }
                visits.append(visit)
                made.append(day)
            }
            let used = made.count { start <= $0 && $0 <= today }
            // Four in five of a handful is not "near exhaustion"; one member with visits still booked has used them all.
            if story == .nearExhaustion && used < 4 { story = .inForce }
            if story == .inForce && !exhaustedChosen && ahead > 0 && used >= 3 { story = .exhaustedWithVisitsBooked; exhaustedChosen = true }
            let authorized: Int, end: CalendarDate
            switch story {
            case .inForce: (authorized, end) = (max(used * 2, used + 6), start.adding(days: 59))
            case .nearExhaustion: (authorized, end) = (max(used + 1, Int(Double(used) / AuthorizationAttention.nearExhaustionShare)), start.adding(days: 59))
            case .expiring: (authorized, end) = (used * 2 + 2, today.adding(days: 3 + index % 9))
            case .exhaustedWithVisitsBooked: (authorized, end) = (max(used, 1), start.adding(days: 59))
            }
            coverage.$payerCaseManager.id = payerID
            members.append(coverage)
            let authorization = VisitAuthorization(payer: plan, number: "BSA-PA-\(String(format: "%06d", 260_100 + index))", discipline: discipline,
                                                   visitsAuthorized: authorized, start: start, end: end)
            authorizations.append(AuthorizationStore.row(authorization, patientID: patientID, by: payerID))
        }
        let (made, authorized, assigned) = (visits, authorizations, members)
        try await db.transaction { db in
            try await made.createInStatements(on: db)
            try await authorized.createInStatements(on: db)
            for coverage in assigned { try await coverage.save(on: db) }
        }
    }

    /// Each clinician's visits already on past days, so a visit added there takes a free hour.
    static func takenSlots(of clinicians: [UUID], from: CalendarDate, to: CalendarDate, on db: any Database) async throws -> [UUID: [VisitSlot]] {
        let rows = try await VisitRecord.query(on: db).filter(\.$clinician.$id ~~ clinicians)
            .filter(\.$scheduledOn >= from.description).filter(\.$scheduledOn <= to.description).all()
        return Dictionary(grouping: rows.compactMap { row in row.$clinician.id.flatMap { id in VisitStore.slot(row).map { (id, $0) } } }, by: \.0)
            .mapValues { $0.map(\.1) }
    }

    /// A made and signed visit on a past working day, in the first of the day's visit times the clinician has free.
    static func pastVisit(patientID: UUID, episodeID: UUID?, by clinician: DemoVisits.FieldClinician, on day: CalendarDate,
                          taken: inout [UUID: [VisitSlot]], zone: TimeZone) throws -> VisitRecord? {
        guard let clinicianID = clinician.user.id, let shift = clinician.hours.shift(on: day) else { return nil }
        let minutes = DemoVisits.nurseDay.minutes
        for offset in DemoVisits.nurseDay.offsets {
            guard let start = ClockTime(minutesSinceMidnight: shift.start.minutesSinceMidnight + offset),
                  shift.covers(from: start.minutesSinceMidnight, to: start.minutesSinceMidnight + minutes) else { continue }
            let slot = VisitSlot(id: "", date: day, start: start, minutes: minutes, patientID: patientID.uuidString,
                                 discipline: clinician.discipline.visitsFor, clinicianID: clinicianID.uuidString)
            guard !(taken[clinicianID] ?? []).contains(where: { $0.overlaps(slot) }),
                  let at = AgencyTime.instant(day, hour: start.hour, minute: start.minute, in: zone) else { continue }
            taken[clinicianID, default: []].append(slot)
            return try DemoVisits.pastVisit(patientID: patientID, episodeID: episodeID, by: clinician.user, discipline: clinician.discipline.visitsFor,
                                            on: day, at: at, minutes: minutes, signed: true, zone: zone)
        }
        return nil
    }
}
