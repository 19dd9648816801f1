import Fluent
import Foundation
import HearthCore
import Vapor

/// A synthetic hospital beside the demo agency: Riverside General with three units the demo's hospital case manager
/// (`hospitalcm`) works and an ICU she is not assigned to, and current stays in each situation the stay clock knows.
/// Every name is made up; times are hours before "now" so the clocks always have something due.
enum DemoHospital {
    static let username = "hospitalcm"

    /// One status period: the status and how many hours ago its order was written; `code44` marks a UR change to outpatient.
    struct Period { var status: StayStatus; var hoursAgo: Double; var code44 = false }
    struct Delivered { var kind: StayNoticeKind; var hoursAgo: Double; var refused = false }

    struct Spec {
        var unit: String, bed: String, family: String, given: String, born: String, diagnosis: String
        var payer = "Medicare", medicare = true
        var arrivedHoursAgo: Double
        var periods: [Period]
        var eddInDays: Int? = nil
        var plan: Disposition? = nil
        var notices: [Delivered] = []
    }

    static let units = [("4W", "Medicine 4 West"), ("CDU", "Clinical Decision Unit (observation)"), ("5E", "Surgery and Orthopedics 5 East"),
                        ("ICU", "Intensive Care")]
    static let assigned: Set<String> = ["4W", "CDU", "5E"]

    static let specs: [Spec] = [
        // The Important Message: due, overdue, met; the follow-up copy around the expected discharge.
        Spec(unit: "4W", bed: "401A", family: "Alvarez", given: "Rosa", born: "1941-03-12", diagnosis: "Community-acquired pneumonia",
             arrivedHoursAgo: 14, periods: [.init(status: .inpatient, hoursAgo: 10)], eddInDays: 3, plan: .homeHealth),
        Spec(unit: "4W", bed: "402A", family: "Baker", given: "Thomas", born: "1938-07-02", diagnosis: "Heart failure exacerbation",
             arrivedHoursAgo: 80, periods: [.init(status: .inpatient, hoursAgo: 76)], eddInDays: 2, plan: .homeHealth),
        Spec(unit: "4W", bed: "402B", family: "Chen", given: "Li", born: "1945-11-20", diagnosis: "Cellulitis of the leg",
             arrivedHoursAgo: 54, periods: [.init(status: .inpatient, hoursAgo: 50)], eddInDays: 1, plan: .home,
             notices: [.init(kind: .importantMessage, hoursAgo: 40)]),
        Spec(unit: "4W", bed: "403A", family: "Dubois", given: "Marie", born: "1936-01-30", diagnosis: "COPD exacerbation",
             arrivedHoursAgo: 100, periods: [.init(status: .inpatient, hoursAgo: 96)], eddInDays: 0, plan: .homeHealth,
             notices: [.init(kind: .importantMessage, hoursAgo: 90)]),
        Spec(unit: "4W", bed: "404A", family: "Evans", given: "Harold", born: "1950-05-14", diagnosis: "Syncope",
             arrivedHoursAgo: 8, periods: [.init(status: .inpatient, hoursAgo: 6)], eddInDays: 0, plan: .home),
        Spec(unit: "4W", bed: "404B", family: "Fischer", given: "Greta", born: "1943-09-09", diagnosis: "Urinary tract infection with delirium",
             arrivedHoursAgo: 30, periods: [.init(status: .inpatient, hoursAgo: 26)], notices: [.init(kind: .importantMessage, hoursAgo: 20)]),
        Spec(unit: "4W", bed: "405A", family: "Garcia", given: "Jose", born: "1939-12-24", diagnosis: "Hip fracture after a fall",
             arrivedHoursAgo: 130, periods: [.init(status: .inpatient, hoursAgo: 126)], eddInDays: 1, plan: .skilledNursing,
             notices: [.init(kind: .importantMessage, hoursAgo: 120)]),
        Spec(unit: "4W", bed: "405B", family: "Hughes", given: "Anne", born: "1952-04-18", diagnosis: "Diabetic ketoacidosis",
             payer: "Blue Horizon Commercial", medicare: false, arrivedHoursAgo: 40, periods: [.init(status: .inpatient, hoursAgo: 38)], eddInDays: 1, plan: .home),
        Spec(unit: "4W", bed: "406A", family: "Ivanova", given: "Olga", born: "1940-08-08", diagnosis: "Sepsis, urinary source",
             arrivedHoursAgo: 150, periods: [.init(status: .inpatient, hoursAgo: 146)], eddInDays: 3, plan: .inpatientRehab,
             notices: [.init(kind: .importantMessage, hoursAgo: 140, refused: true)]),
        // Condition code 44: admitted, then the UR committee with the attending's concurrence changed it to observation.
        Spec(unit: "4W", bed: "406B", family: "Jensen", given: "Karl", born: "1947-02-27", diagnosis: "Chest pain, ruled out for infarction",
             arrivedHoursAgo: 34, periods: [.init(status: .inpatient, hoursAgo: 30), .init(status: .observation, hoursAgo: 6, code44: true)], eddInDays: 1, plan: .home,
             notices: [.init(kind: .importantMessage, hoursAgo: 28)]),
        // Observation: the MOON upcoming, due soon, overdue, met, refused; past two midnights.
        Spec(unit: "CDU", bed: "C1", family: "Kowalski", given: "Irena", born: "1944-06-06", diagnosis: "Chest pain",
             arrivedHoursAgo: 12, periods: [.init(status: .observation, hoursAgo: 10)], eddInDays: 1, plan: .home),
        Spec(unit: "CDU", bed: "C2", family: "Lee", given: "Daniel", born: "1949-10-10", diagnosis: "Transient ischemic attack",
             arrivedHoursAgo: 33, periods: [.init(status: .observation, hoursAgo: 31)], eddInDays: 0, plan: .home),
        Spec(unit: "CDU", bed: "C3", family: "Moreau", given: "Claire", born: "1937-03-03", diagnosis: "Dehydration, acute kidney injury",
             arrivedHoursAgo: 44, periods: [.init(status: .observation, hoursAgo: 41)], eddInDays: 1, plan: .skilledNursing),
        Spec(unit: "CDU", bed: "C4", family: "Nakamura", given: "Kenji", born: "1946-12-12", diagnosis: "Abdominal pain",
             arrivedHoursAgo: 56, periods: [.init(status: .observation, hoursAgo: 52)], eddInDays: 0, plan: .home,
             notices: [.init(kind: .moon, hoursAgo: 26)]),
        Spec(unit: "CDU", bed: "C5", family: "Okafor", given: "Grace", born: "1951-07-21", diagnosis: "Fall, unable to walk",
             arrivedHoursAgo: 30, periods: [.init(status: .observation, hoursAgo: 28)], eddInDays: 1, plan: .skilledNursing,
             notices: [.init(kind: .moon, hoursAgo: 3, refused: true)]),
        Spec(unit: "CDU", bed: "C6", family: "Patel", given: "Anil", born: "1948-01-15", diagnosis: "Atrial fibrillation with rapid rate",
             arrivedHoursAgo: 5, periods: [.init(status: .observation, hoursAgo: 4)]),
        // Observation first, then admitted: the SNF plan rests partly on observation days.
        Spec(unit: "5E", bed: "501", family: "Quinn", given: "Margaret", born: "1935-05-05", diagnosis: "Pelvic fracture",
             arrivedHoursAgo: 70, periods: [.init(status: .observation, hoursAgo: 66), .init(status: .inpatient, hoursAgo: 20)], eddInDays: 1, plan: .skilledNursing,
             notices: [.init(kind: .moon, hoursAgo: 40), .init(kind: .importantMessage, hoursAgo: 18)]),
        Spec(unit: "5E", bed: "502", family: "Russo", given: "Vincent", born: "1942-11-11", diagnosis: "Total knee replacement",
             arrivedHoursAgo: 75, periods: [.init(status: .inpatient, hoursAgo: 72)], eddInDays: 1, plan: .homeHealth,
             notices: [.init(kind: .importantMessage, hoursAgo: 70)]),
        Spec(unit: "5E", bed: "503", family: "Schmidt", given: "Helga", born: "1953-02-02", diagnosis: "Laparoscopic cholecystectomy, recovery",
             arrivedHoursAgo: 9, periods: [.init(status: .outpatientInBed, hoursAgo: 8)], eddInDays: 0, plan: .home),
        Spec(unit: "5E", bed: "504", family: "Thompson", given: "Ruth", born: "1939-04-04", diagnosis: "Spinal stenosis surgery",
             arrivedHoursAgo: 100, periods: [.init(status: .inpatient, hoursAgo: 98)], eddInDays: 2, plan: .inpatientRehab,
             notices: [.init(kind: .importantMessage, hoursAgo: 60)]),
        Spec(unit: "5E", bed: "505", family: "Umarov", given: "Timur", born: "1944-10-30", diagnosis: "Small bowel obstruction",
             arrivedHoursAgo: 60, periods: [.init(status: .inpatient, hoursAgo: 58)], eddInDays: 2, plan: .homeHealth,
             notices: [.init(kind: .importantMessage, hoursAgo: 57)]),
        // Not hers: the ICU's stays are hidden from her (she is not assigned to that unit).
        Spec(unit: "ICU", bed: "I1", family: "Vance", given: "Walter", born: "1940-01-01", diagnosis: "Respiratory failure",
             arrivedHoursAgo: 48, periods: [.init(status: .inpatient, hoursAgo: 46)]),
        Spec(unit: "ICU", bed: "I2", family: "Weiss", given: "Edith", born: "1938-08-18", diagnosis: "Septic shock",
             arrivedHoursAgo: 20, periods: [.init(status: .inpatient, hoursAgo: 18)]),
    ]

    /// Creates the hospital, its units, the hospital case manager and the stays, once; a database that has them is left alone.
    static func seed(now: Date, zone: TimeZone, hasher: any PasswordHasher, on db: any Database) async throws {
        guard try await HospitalUnit.query(on: db).count() == 0 else { return }
        let manager = try await User.query(on: db).filter(\.$username == username).first()
            ?? User(username: username, displayName: "Hannah Brooks, RN", role: Role.hospitalCaseManager.rawValue, passwordHash: try hasher.hash(DemoSeed.password))
        let hospital = Organization(name: "Riverside General Hospital", kind: .provider, phone: "555-0140")
        try await db.transaction { db in
            if manager.id == nil { try await manager.create(on: db) }
            try await hospital.create(on: db)
            var unitIDs: [String: UUID] = [:]
            for (code, name) in units {
                let unit = HospitalUnit(hospitalID: try hospital.requireID(), code: code, name: name)
                try await unit.create(on: db)
                unitIDs[code] = try unit.requireID()
                if assigned.contains(code) { try await HospitalUnitAssignment(unitID: try unit.requireID(), userID: try manager.requireID()).create(on: db) }
            }
            for (index, spec) in specs.enumerated() {
                try await create(spec, serial: index, unitID: unitIDs[spec.unit]!, manager: manager, now: now, zone: zone, on: db)
            }
            try await AuditLog.record(.init(actorName: "demo", action: "demo.seed", outcome: .success, detail: "hospital with \(specs.count) stays"), on: db)
        }
    }

    /// One stay with its status periods and notices; `DemoUtilization` adds its own stays through it.
    static func create(_ spec: Spec, serial: Int, unitID: UUID, manager: User, now: Date, zone: TimeZone, on db: any Database) async throws {
        let ago = { (hours: Double) in now.addingTimeInterval(-hours * 3600) }
        let stay = HospitalStay()
        stay.$unit.id = unitID
        stay.hospitalMRN = "RG" + String(format: "%06d", 104_200 + serial * 37)
        stay.familyName = spec.family
        stay.givenName = spec.given
        stay.birthDate = spec.born
        stay.bed = spec.bed
        stay.attending = ["Dr. Amara Nwosu", "Dr. Peter Lindqvist", "Dr. Sofia Reyes"][serial % 3]
        stay.workingDiagnosis = spec.diagnosis
        stay.payer = spec.payer
        stay.medicare = spec.medicare
        stay.arrivedAt = ago(spec.arrivedHoursAgo)
        stay.status = spec.periods.last!.status.rawValue
        stay.expectedDischarge = spec.eddInDays.map { CalendarDate(now, in: zone).adding(days: $0).description }
        stay.plannedDisposition = spec.plan?.rawValue
        try await stay.create(on: db)
        for period in spec.periods {
            let row = HospitalStayStatus()
            row.$stay.id = try stay.requireID()
            row.status = period.status.rawValue
            row.startsAt = ago(period.hoursAgo)
            row.reason = period.code44 ? "Did not meet inpatient criteria on review" : period.status == .inpatient ? "Admission order" : "Order for observation services"
            if period.code44 { row.urReviewer = "Dr. Miriam Ostrowski (UR committee)"; row.concurringAttending = stay.attending }
            row.recordedByName = "Admitting"
            try await row.create(on: db)
        }
        for delivered in spec.notices {
            let notice = HospitalNotice()
            notice.$stay.id = try stay.requireID()
            notice.kind = delivered.kind.rawValue
            notice.deliveredAt = ago(delivered.hoursAgo)
            notice.outcome = (delivered.refused ? StayNotice.Outcome.refused : .signed).rawValue
            notice.recipient = "Patient"
            notice.note = delivered.refused ? "Patient declined to sign; copy left at the bedside" : nil
            notice.$deliveredBy.id = manager.id
            notice.deliveredByName = manager.displayName
            try await notice.create(on: db)
        }
    }
}
