import Fluent
import Foundation
import HearthCore
import Vapor

/// Utilization review in the demo hospital: the UR nurse (`urnurse`) who reviews every unit of Riverside General, a few
/// more stays so her queue shows every ranking reason, reviews with working DRGs, payer communications, avoidable days,
/// and denials — one with an appeal in progress. Times are relative to "now"; every name is made up.
enum DemoUtilization {
    static let username = "urnurse"
    static let hospitalName = "Riverside General Hospital"

    /// Stays the queue needs beyond DemoHospital's: observation nearing 24 and 48 hours, Medicare Advantage days past
    /// their approval, and a stay discharged last week whose denial is under appeal.
    static let specs: [DemoHospital.Spec] = [
        .init(unit: "CDU", bed: "C7", family: "Yilmaz", given: "Deniz", born: "1947-04-22", diagnosis: "Chest pain, serial troponins",
              arrivedHoursAgo: 21, periods: [.init(status: .observation, hoursAgo: 20)], eddInDays: 1, plan: .home),
        .init(unit: "CDU", bed: "C8", family: "Zhou", given: "Wei", born: "1942-09-30", diagnosis: "Dizziness, dehydration",
              payer: "Sunrise Medicare Advantage", arrivedHoursAgo: 46, periods: [.init(status: .observation, hoursAgo: 45)], eddInDays: 0, plan: .home,
              notices: [.init(kind: .moon, hoursAgo: 18)]),
        .init(unit: "4W", bed: "407A", family: "Abbott", given: "Frank", born: "1937-06-14", diagnosis: "Heart failure exacerbation",
              arrivedHoursAgo: 240, periods: [.init(status: .inpatient, hoursAgo: 236)], eddInDays: -5, plan: .homeHealth,
              notices: [.init(kind: .importantMessage, hoursAgo: 230), .init(kind: .importantMessageFollowUp, hoursAgo: 130)]),
    ]
    /// The last spec left the hospital this many hours ago.
    static let dischargedHoursAgo = 120.0

    /// Creates the UR nurse, her hospital, the extra stays and the review records, once.
    static func seed(now: Date, zone: TimeZone, hasher: any PasswordHasher, on db: any Database) async throws {
        try await DemoReferenceTables.seed(on: db)
        guard try await HospitalReviewer.query(on: db).count() == 0,
              let hospital = try await Organization.query(on: db).filter(\.$name == hospitalName).first() else { return }
        let nurse = try await User.query(on: db).filter(\.$username == username).first()
            ?? User(username: username, displayName: "Ursula Grant, RN", role: Role.utilizationReviewNurse.rawValue, passwordHash: try hasher.hash(DemoSeed.password))
        let units = try await HospitalUnit.query(on: db).filter(\.$hospital.$id == hospital.requireID()).all()
        let manager = try await User.query(on: db).filter(\.$username == DemoHospital.username).first()
        try await db.transaction { db in
            if nurse.id == nil { try await nurse.create(on: db) }
            try await HospitalReviewer(hospitalID: try hospital.requireID(), userID: try nurse.requireID()).create(on: db)
            for (index, spec) in specs.enumerated() {
                guard let unit = units.first(where: { $0.code == spec.unit }), let manager else { continue }
                try await DemoHospital.create(spec, serial: 100 + index, unitID: try unit.requireID(), manager: manager, now: now, zone: zone, on: db)
            }
            let stays = Dictionary(try await HospitalStay.query(on: db).all().map { ($0.familyName, $0) }, uniquingKeysWith: { first, _ in first })
            if let abbott = stays["Abbott"] {
                abbott.dischargedAt = now.addingTimeInterval(-dischargedHoursAgo * 3600)
                abbott.disposition = Disposition.homeHealth.rawValue
                try await abbott.save(on: db)
            }
            let writer = Writer(now: now, zone: zone, nurse: nurse, stays: stays, db: db)
            try await writer.reviews()
            try await writer.payerLog()
            try await writer.avoidableDays()
            try await writer.denials()
            try await AuditLog.record(.init(actorName: "demo", action: "demo.seed", outcome: .success, detail: "utilization review"), on: db)
        }
    }

    /// Writes the records, each on a stay named by the patient's family name.
    struct Writer {
        var now: Date, zone: TimeZone, nurse: User, stays: [String: HospitalStay], db: any Database

        var today: CalendarDate { CalendarDate(now, in: zone) }
        func ago(_ hours: Double) -> Date { now.addingTimeInterval(-hours * 3600) }

        func reviews() async throws {
            // (family, hours ago, level, met, DRG, next review in days from today, evidence)
            let reviews: [(String, Double, StayStatus, Bool, String?, Int, String)] = [
                ("Baker", 50, .inpatient, true, "291", -1, "BNP 1,850; IV furosemide 40 mg twice daily; 3 L oxygen; weight up 4 kg."),
                ("Chen", 30, .inpatient, true, "603", 0, "Spreading erythema despite oral antibiotics; IV cefazolin every 8 hours."),
                ("Ivanova", 120, .inpatient, true, "871", 2, "Lactate 3.1 on arrival, vasopressors 12 hours; now on IV antibiotics, weaning."),
                ("Garcia", 100, .inpatient, true, "481", 1, "Day 1 after hip pinning; PT twice daily; needs SNF: two-person assist."),
                ("Russo", 60, .inpatient, true, "470", 1, "Knee replacement, day 2; pain controlled on oral medication; PT cleared stairs."),
                ("Dubois", 80, .inpatient, true, "190", -2, "Nebulizers every 4 hours, IV methylprednisolone, 2 L oxygen at rest."),
                ("Hughes", 30, .inpatient, true, "638", 1, "Anion gap closed overnight; insulin drip stopped; teaching under way."),
            ]
            for (family, hours, level, met, drg, next, evidence) in reviews {
                guard let stay = stays[family] else { continue }
                let row = StayReview()
                row.$stay.id = try stay.requireID()
                row.kind = hours > 60 ? ReviewKind.admission.rawValue : ReviewKind.concurrent.rawValue
                row.reviewedAt = max(ago(hours), stay.arrivedAt)
                row.levelOfCare = level.rawValue
                row.criteriaSource = "hearth-cms"
                row.criteriaMet = met
                row.evidence = evidence
                row.drg = drg
                row.nextReview = today.adding(days: next).description
                row.$reviewer.id = nurse.id
                row.reviewerName = nurse.displayName
                try await row.create(on: db)
            }
        }

        func payerLog() async throws {
            // (family, hours ago, method, contact, days approved, approved through (days from today), payer's next review, reference)
            let calls: [(String, Double, PayerContactMethod, String, Int?, Int?, Int?, String)] = [
                ("Hughes", 20, .portal, "Blue Horizon UM queue", 2, 0, 0, "BH-UM-448120"),
                ("Zhou", 30, .phone, "J. Ortiz, Sunrise UM nurse", 1, -1, -1, "SMA-77125"),
                ("Baker", 40, .fax, "Medicare: none (UR plan review only)", nil, nil, nil, "internal"),
            ]
            for (family, hours, method, contact, days, through, next, reference) in calls {
                guard let stay = stays[family] else { continue }
                let row = PayerCommunication()
                row.$stay.id = try stay.requireID()
                row.communicatedAt = max(ago(hours), stay.arrivedAt)
                row.method = method.rawValue
                row.contact = contact
                row.clinicalsSent = true
                row.daysApproved = days
                row.approvedThrough = through.map { today.adding(days: $0).description }
                row.nextReview = next.map { today.adding(days: $0).description }
                row.reference = reference
                row.$recordedBy.id = nurse.id
                row.recordedByName = nurse.displayName
                try await row.create(on: db)
            }
        }

        func avoidableDays() async throws {
            // (family, reason, from (days from today), through, note)
            let runs: [(String, AvoidableDayReason, Int, Int?, String)] = [
                ("Garcia", .postAcuteAcceptance, -2, nil, "Three SNFs sent the referral; none has answered."),
                ("Ivanova", .postAcuteBed, -1, nil, "IRF accepted; bed opens tomorrow."),
                ("Thompson", .internalTests, -2, -2, "MRI done a day late: scanner down."),
                ("Abbott", .payerAuthorization, -7, -6, "Home health authorization took two days."),
                ("Abbott", .patientFamily, -5, -5, "Daughter could not pick him up until the next day."),
            ]
            for (family, reason, from, through, note) in runs {
                guard let stay = stays[family] else { continue }
                let row = AvoidableDayRecord()
                row.$stay.id = try stay.requireID()
                row.reason = reason.rawValue
                row.owner = reason.usualOwner.rawValue
                row.fromDay = max(today.adding(days: from), CalendarDate(stay.arrivedAt, in: zone)).description
                row.throughDay = through.map { today.adding(days: $0).description }
                row.note = note
                row.recordedByName = nurse.displayName
                try await row.create(on: db)
            }
        }

        /// Abbott's days past the GMLOS denied, the redetermination pending; Hughes's last day denied, the peer-to-peer lost.
        func denials() async throws {
            if let abbott = stays["Abbott"] {
                let denial = try await self.denial(abbott, .medicare, .continuedStay, receivedDaysAgo: 3, days: 4, reference: "MAC-2026-118833",
                                              reason: "Days 7 to 10 not medically necessary: the patient was stable on oral diuretics from day 6.")
                try await appeal(denial, level: "redetermination", filedDaysAgo: 1, deadlineFrom: 3, within: 120, outcome: .pending,
                                 note: "Sent the day 7 to 10 notes: IV diuretic restarted on day 7 for recurrent edema.")
            }
            if let hughes = stays["Hughes"] {
                let denial = try await self.denial(hughes, .commercial, .continuedStay, receivedDaysAgo: 0, days: 1, reference: "BH-DN-90217",
                                              reason: "The last day does not meet continued-stay criteria: DKA resolved, could be taught as an outpatient.")
                try await appeal(denial, level: "peer_to_peer", filedDaysAgo: 0, deadlineFrom: 0, within: 5, outcome: .upheld,
                                 note: "Dr. Reyes spoke with the plan's medical director; denial upheld.")
            }
        }

        func denial(_ stay: HospitalStay, _ payer: PayerKind, _ kind: DenialKind, receivedDaysAgo: Int, days: Int, reference: String, reason: String) async throws -> PayerDenialRecord {
            let row = PayerDenialRecord()
            row.$stay.id = try stay.requireID()
            row.payerKind = payer.rawValue
            row.kind = kind.rawValue
            row.receivedOn = today.adding(days: -receivedDaysAgo).description
            row.daysDenied = days
            row.reason = reason
            row.reference = reference
            row.recordedByName = nurse.displayName
            try await row.create(on: db)
            return row
        }

        func appeal(_ denial: PayerDenialRecord, level: String, filedDaysAgo: Int, deadlineFrom: Int, within: Int, outcome: AppealOutcome, note: String) async throws {
            let row = PayerAppealRecord()
            row.$denial.id = try denial.requireID()
            row.level = level
            row.filedOn = today.adding(days: -filedDaysAgo).description
            row.deadline = today.adding(days: within - deadlineFrom).description
            row.decidedOn = outcome == .pending ? nil : today.description
            row.outcome = outcome.rawValue
            row.note = note
            row.recordedByName = nurse.displayName
            try await row.create(on: db)
        }
    }
}
