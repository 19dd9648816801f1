import ConsoleKit
import Fluent
import Foundation
import HearthCore
import Vapor

/// A synthetic agency so that every page has something real to show. Every name, address and phone
/// number is made up (phones use the 555-01xx fiction range); the same seed makes the same agency.
enum DemoSeed {
    static let password = "hearth-demo"
    static let batchSize = 500

    /// The sign-ins the README names; `DemoStaff.generated` adds the rest of a ~40-person agency.
    static let namedStaff: [(username: String, name: String, role: Role)] = [
        ("admin", "Alex Admin", .admin),
        ("supervisor", "Sandra Okafor, RN", .supervisor),
        ("casemanager", "Maria Lopez, RN", .caseManager),
        ("clinician", "James Chen, RN", .clinician),
        ("aide", "Tasha Williams, HHA", .aide),
        ("physician", "Dr. Robert Patel", .physician),
        ("intake", "Irene Walsh", .intake),
        ("payer", "Paul Greene, RN", .payer),
    ]

    /// Staff by role, as the patient generator assigns them.
    struct Staff {
        var caseManagers: [User] = []
        var clinicians: [User] = []
        var aides: [User] = []
        var physicians: [User] = []
        var intake: [User] = []
        var total = 0
    }

    /// Creates the demo agency (staff and patients) unless the database already has users. Returns whether it seeded.
    static func seedIfEmpty(_ db: any Database, console: any Console, hasher: any PasswordHasher, rules: DemoAssessments.Rules, patients: Int, seed: UInt64) async throws -> Bool {
        guard try await User.query(on: db).count() == 0 else { return false }
        let staff = try await seedStaff(db, hasher: hasher, seed: seed, patients: patients)
        try await seedPatients(patients, staff: staff, db: db, console: console, rules: rules, seed: seed)
        return true
    }

    static func seedStaff(_ db: any Database, hasher: any PasswordHasher, seed: UInt64, patients: Int) async throws -> Staff {
        let hash = try hasher.hash(password)
        var generator = SeededGenerator(seed: seed ^ 0x5747_4146)
        let members = namedStaff + DemoNames.generatedStaff(patients: patients, using: &generator)
        let users = members.map { User(username: $0.username, displayName: $0.name, role: $0.role.rawValue, passwordHash: hash) }
        for user in users { user.id = UUID() }
        try await db.transaction { db in
            for chunk in stride(from: 0, to: users.count, by: batchSize) {
                try await users[chunk..<min(chunk + batchSize, users.count)].create(on: db)
            }
            let (profiles, credentials) = DemoStaff.rows(for: users, today: CalendarDate(Date(), in: TimeZone(identifier: "America/New_York")!))
            for chunk in stride(from: 0, to: profiles.count, by: batchSize) {
                try await profiles[chunk..<min(chunk + batchSize, profiles.count)].create(on: db)
            }
            for chunk in stride(from: 0, to: credentials.count, by: batchSize) {
                try await credentials[chunk..<min(chunk + batchSize, credentials.count)].create(on: db)
            }
            try await DemoStaff.inServiceTrainings(for: users, today: CalendarDate(Date(), in: TimeZone(identifier: "America/New_York")!)).create(on: db)
            try await AuditLog.record(.init(actorName: "demo", action: "demo.seed", outcome: .success, detail: "\(users.count) staff"), on: db)
        }
        return try await loadStaff(db)
    }

    static func loadStaff(_ db: any Database) async throws -> Staff {
        let users = try await User.query(on: db).sort(\.$username).all()
        var staff = Staff(total: users.count)
        for user in users {
            switch Role(rawValue: user.role) {
            case .caseManager: staff.caseManagers.append(user)
            case .clinician: staff.clinicians.append(user)
            case .aide: staff.aides.append(user)
            case .physician: staff.physicians.append(user)
            case .intake: staff.intake.append(user)
            default: break
            }
        }
        // The demo's own case manager leads the list so she always has a caseload.
        staff.caseManagers.sort { a, _ in a.username == "casemanager" }
        guard !staff.caseManagers.isEmpty, !staff.clinicians.isEmpty, !staff.aides.isEmpty, !staff.physicians.isEmpty else {
            throw CommandFailure("seeding patients needs at least one case manager, clinician, aide and physician.")
        }
        return staff
    }

    /// Adds `count` patients in batches (one transaction each), with care teams and episodes, showing progress.
    static func seedPatients(_ count: Int, staff: Staff, db: any Database, console: any Console, rules: DemoAssessments.Rules, seed: UInt64) async throws {
        let firstSerial = try await Patient.query(on: db).count()
        let now = Date()
        let today = CalendarDate(now, in: rules.clock.timeZone)
        var generator = SeededGenerator(seed: seed &+ UInt64(firstSerial))
        var payers: [String: UUID] = [:]
        _ = try await Organization.findOrCreate(DemoNames.agencyName, kind: .agency, on: db)
        for name in DemoNames.payerNames { payers[name] = try await Organization.findOrCreate(name, kind: .payer, on: db).id }
        let progress = console.progressBar(title: "Seeding \(count) synthetic patients")
        progress.start()
        var done = 0
        while done < count {
            let size = min(batchSize, count - done)
            var batch = Batch(payers: payers, rules: rules, now: now)
            for offset in 0..<size {
                try batch.add(serial: firstSerial + done + offset, staff: staff, today: today, using: &generator)
            }
            let ready = batch
            try await db.transaction { db in try await ready.save(on: db) }
            done += size
            progress.activity.currentProgress = Double(done) / Double(count)
        }
        progress.succeed()
        try await DemoVisits.seed(today: today, now: Date(), zone: rules.clock.timeZone, on: db)
        try await DemoPayer.seed(today: today, now: Date(), zone: rules.clock.timeZone, on: db)
        try await DemoPaymentPeriods.seed(today: today, zone: rules.clock.timeZone, on: db)
        try await db.refreshPlannerStatistics()
        try await AuditLog.record(.init(actorName: "demo", action: "demo.seed", outcome: .success, detail: "\(count) synthetic patients"), on: db)
    }

    /// One batch of rows, inserted table by table.
    struct Batch {
        /// Payer organization ids by name, for the coverages.
        var payers: [String: UUID]
        var rules: DemoAssessments.Rules
        var now: Date
        var patients: [Patient] = []
        var team: [CareTeamMember] = []
        var episodes: [EpisodeRecord] = []
        var events: [EpisodeEventRecord] = []
        var diagnoses: [Diagnosis] = []
        var allergies: [Allergy] = []
        var coverages: [Coverage] = []
        var contacts: [PatientContact] = []
        var directives: [AdvanceDirective] = []
        var outside: [ExternalCareContact] = []
        var obligations: [ObligationRecord] = []
        var assessments: [AssessmentRecord] = []
        var orders: [PhysicianOrderRecord] = []
        var carePlans: [CarePlanRecord] = []
        var carePlanVersions: [CarePlanVersionRecord] = []
        var documents: [ComplianceDocument] = []
        var submissions: [OASISSubmissionRecord] = []
        var notices = DemoNotices.Rows()
        var medications = DemoMedications.Rows()

        mutating func add(serial: Int, staff: Staff, today: CalendarDate, using generator: inout SeededGenerator) throws {
            let patient = DemoNames.patient(serial: serial, using: &generator)
            let patientID = UUID()
            patient.id = patientID
            let manager = staff.caseManagers[serial % staff.caseManagers.count]
            patient.$caseManager.id = manager.id
            // The named case manager's patients all have the named physician, so the demo's sign-ins meet over orders.
            let physician = manager.username == "casemanager"
                ? staff.physicians.first { $0.username == "physician" } ?? staff.physicians[0]
                : staff.physicians[serial % staff.physicians.count]
            patient.$physician.id = physician.id
            if serial % 7 == 0, let intake = staff.intake.first { patient.$referredBy.id = intake.id }
            patients.append(patient)
            let clinician = staff.clinicians[serial % staff.clinicians.count]
            team.append(CareTeamMember(patientID: patientID, userID: try clinician.requireID(), teamRole: DemoNames.teamRole(of: clinician)))
            if serial % 3 == 0 {
                team.append(CareTeamMember(patientID: patientID, userID: try staff.aides[serial % staff.aides.count].requireID(), teamRole: "Home health aide"))
            }
            let episode = try DemoNames.episode(slot: serial / staff.caseManagers.count, today: today)
            let record = EpisodeRecord()
            record.id = UUID()
            record.$patient.id = patientID
            EpisodeStore.summarize(episode, into: record)
            record.referralSource = DemoNames.referralSource(serial: serial)
            // Some referrals come with a start-of-care date the physician ordered: the initial visit is due that day.
            if episode.status == .referred && serial % 2 == 0 { record.orderedStartOfCare = today.adding(days: 2).description }
            episodes.append(record)
            let eventRows = EpisodeStore.eventRows(episode.events, episodeID: try record.requireID(), from: 0, by: manager.id)
            let diedAtHome = episode.status == .discharged && DemoNames.diedAtHome(slot: serial / staff.caseManagers.count)
            if diedAtHome { eventRows.last?.circumstance = EpisodeEventCircumstance.diedAtHome.rawValue }
            events += eventRows
            var programs: Set<PayerProgram> = []
            for (order, (payer, plan, memberID)) in DemoNames.coverages(serial: serial, using: &generator).enumerated() {
                let coverage = Coverage()
                coverage.$patient.id = patientID
                coverage.payer = payer
                coverage.program = PayerProgram.inferred(fromPayer: payer).rawValue
                coverage.$payerOrganization.id = payers[payer]
                coverage.plan = plan
                coverage.memberID = memberID
                coverage.order = order + 1
                coverage.startDate = "2026-01-01"
                coverages.append(coverage)
                programs.insert(coverage.payerProgram)
            }
            let paperwork = try DemoOrders.rows(for: episode, serial: serial, patientID: patientID, episodeID: record.requireID(), physician: physician,
                                                caseManagerID: manager.id, payers: programs, today: today, zone: rules.clock.timeZone)
            orders += paperwork.orders
            if let (plan, version) = try DemoCarePlan.rows(for: episode, serial: serial, episodeID: record.requireID(), patientID: patientID,
                                                           by: manager.id, today: today) {
                carePlans.append(plan)
                carePlanVersions.append(version)
            }
            documents += paperwork.documents
            if let soc = episode.startOfCare {
                // Patients just back from hospital, and a few others, have a list waiting to be reconciled.
                let resumed = episode.events.last?.kind == .resumption
                let waiting: TransitionKind? = episode.status != .active ? nil
                    : resumed ? .resumptionOfCare : DemoNames.spread(serial) % 9 == 0 ? .startOfCare : nil
                let meds = try DemoMedications.rows(serial: serial, patientID: patientID, hasAide: serial % 3 == 0, waiting: waiting,
                                                    start: soc, today: today, prescriber: physician.displayName, by: manager.id,
                                                    catalog: rules.medications, now: now)
                medications.medications += meds.medications
                medications.administrations += meds.administrations
                medications.checks += meds.checks
                for reconciliation in meds.reconciliations {
                    reconciliation.$episode.id = record.id
                    medications.reconciliations.append(reconciliation)
                }
            }
            let records = try addAssessments(for: episode, episodeID: record.requireID(), patientID: patientID, serial: serial, by: clinician.id,
                                             diedAtHome: diedAtHome, using: &generator) + paperwork.records
            var facts = ObligationStore.facts(episode, record: record, records: records)
            facts.payers = programs
            if diedAtHome { facts.events[facts.events.count - 1].diedAtHome = true }
            let oasis = try DemoOASIS.transmissions(of: assessments.filter { $0.$patient.id == patientID }, serial: serial, by: clinician.id,
                                                    comprehensive: rules.clock.comprehensiveInstruments, zone: rules.clock.timeZone, now: now)
            (facts.oasisAssessments, facts.oasisSubmissions) = (oasis.assessments, oasis.submissions)
            submissions += oasis.rows
            let planned = DemoNotices.rows(serial: serial, open: episode.status == .active, episodeID: try record.requireID(), patientID: patientID,
                                           by: manager.id, deliveredBy: clinician.displayName, today: today)
            (facts.careEvents, facts.notices) = planned.facts
            (notices.events, notices.notices) = (notices.events + planned.events, notices.notices + planned.notices)
            obligations += ObligationStore.rows(rules.clock.obligations(for: facts, now: now),
                                                episodeID: try record.requireID(), patientID: patientID, now: now)
            addPeople(to: patient, serial: serial, using: &generator)
            for (substance, reaction, severity) in DemoMedications.allergies(serial: serial, DemoNames.allergies(using: &generator)) {
                let allergy = Allergy()
                allergy.$patient.id = patientID
                allergy.substance = substance
                allergy.reaction = reaction
                allergy.severity = severity
                allergy.$recordedBy.id = manager.id
                allergies.append(allergy)
            }
            for (rank, (code, title)) in DemoNames.diagnoses(using: &generator).enumerated() {
                let diagnosis = Diagnosis()
                diagnosis.$patient.id = patientID
                diagnosis.code = code
                diagnosis.title = title
                diagnosis.rank = rank == 0 ? "primary" : "secondary"
                diagnosis.onsetDate = episode.referralDate.adding(days: -Int(generator.next() % 400)).description
                diagnosis.$recordedBy.id = manager.id
                diagnoses.append(diagnosis)
            }
        }

        /// Most admitted patients had their start-of-care assessment on time (some a day or days late; a sixth of those
        /// admitted in the last few days not yet); every fourth has a PHQ-9 every few weeks. Returns what the clock counts.
        mutating func addAssessments(for episode: Episode, episodeID: UUID, patientID: UUID, serial: Int, by userID: UUID?,
                                     diedAtHome: Bool = false, using generator: inout SeededGenerator) throws -> [ComplianceRecord] {
            let zone = rules.clock.timeZone
            let today = CalendarDate(now, in: zone)
            guard let soc = episode.startOfCare, let home = rules.instruments["home-assessment"],
                  !(serial % 6 == 5 && soc >= today.adding(days: -5)) else { return [] }
            let day = soc.adding(days: serial % 9 == 0 ? 6 : Int(generator.next() % 3))
            guard day <= today else { return [] }
            let severity = Double(DemoNames.spread(serial) % 10) / 10
            let start = try DemoAssessments.signed(home, kind: .startOfCare, answers: DemoAssessments.answers(home, severity: severity, using: &generator),
                                                   patientID: patientID, episodeID: episodeID, on: day, by: userID, zone: zone)
            assessments.append(start)
            if serial % 4 == 0, let phq9 = rules.instruments["phq9"] {
                for visit in 0..<3 {
                    let when = day.adding(days: visit * 14)
                    guard when <= today else { break }
                    let mood = max(0, severity - Double(visit) * 0.2) // mood improves with care
                    assessments.append(try DemoAssessments.signed(phq9, kind: .followUp, answers: DemoAssessments.answers(phq9, severity: mood, using: &generator),
                                                                  patientID: patientID, episodeID: episodeID, on: when, by: userID, zone: zone))
                }
            }
            let comprehensive = rules.clock.comprehensiveInstruments.contains(home.id)
            var records = [ComplianceRecord(id: try start.requireID().uuidString.lowercased(), kind: .assessment(AssessmentKind.startOfCare.rawValue), date: day,
                                            instant: start.signedAt, visitedAt: start.visitedAt, comprehensive: comprehensive)]
            // The later time points on time: recertification in its window, transfer and discharge within two days,
            // resumption within 48 hours; a sixth of those from the last three days not yet done.
            for event in episode.events {
                let kind: AssessmentKind, offset: Int
                switch event.kind {
                case .recertification: (kind, offset) = (.recertification, 0)
                case .transfer: (kind, offset) = (.transfer, 1)
                case .resumption: (kind, offset) = (.resumptionOfCare, 1)
                case .discharge: (kind, offset) = (diedAtHome ? .deathAtHome : .discharge, 0)
                default: continue
                }
                let when = event.date.adding(days: offset)
                guard when <= today, !(serial % 6 == 5 && when >= today.adding(days: -3)) else { continue }
                let record = try DemoAssessments.signed(home, kind: kind, answers: DemoAssessments.answers(home, severity: severity, using: &generator),
                                                        patientID: patientID, episodeID: episodeID, on: when, by: userID, zone: zone)
                assessments.append(record)
                records.append(ComplianceRecord(id: try record.requireID().uuidString.lowercased(), kind: .assessment(kind.rawValue), date: when,
                                                instant: record.signedAt, visitedAt: record.visitedAt, comprehensive: comprehensive))
            }
            return records
        }

        /// Family and caregivers, a directive where the code status calls for one, and outside contacts.
        mutating func addPeople(to patient: Patient, serial: Int, using generator: inout SeededGenerator) {
            let patientID = patient.id!
            for draft in DemoNames.contacts(family: patient.familyName, using: &generator) {
                let contact = PatientContact()
                contact.$patient.id = patientID
                contact.name = draft.name
                contact.relationship = draft.relationship
                contact.phone = draft.phone
                contact.livesWith = draft.livesWith
                contact.isCaregiver = draft.isCaregiver
                contact.isDecisionMaker = draft.isDecisionMaker
                contacts.append(contact)
            }
            if patient.codeStatus != CodeStatus.fullCode.rawValue && patient.codeStatus != CodeStatus.unknown.rawValue {
                let directive = AdvanceDirective()
                directive.$patient.id = patientID
                directive.kind = serial % 2 == 0 ? AdvanceDirectiveDraft.Kind.dnrOrder.rawValue : AdvanceDirectiveDraft.Kind.polst.rawValue
                directive.onFile = true
                directive.location = "Copy in chart; original on the refrigerator"
                directives.append(directive)
            }
            for draft in DemoNames.outsideContacts.prefix(serial % 3 + 1) {
                let contact = ExternalCareContact()
                contact.$patient.id = patientID
                contact.role = draft.role
                contact.name = draft.name.isEmpty ? nil : draft.name
                contact.organization = draft.organization
                contact.phone = draft.phone
                contact.fax = draft.fax.isEmpty ? nil : draft.fax
                outside.append(contact)
            }
        }

        func save(on db: any Database) async throws {
            try await patients.createInStatements(on: db)
            try await team.createInStatements(on: db)
            try await episodes.createInStatements(on: db)
            try await events.createInStatements(on: db)
            try await diagnoses.createInStatements(on: db)
            try await allergies.createInStatements(on: db)
            try await coverages.createInStatements(on: db)
            try await contacts.createInStatements(on: db)
            try await directives.createInStatements(on: db)
            try await outside.createInStatements(on: db)
            try await assessments.createInStatements(on: db)
            try await carePlans.createInStatements(on: db)
            try await carePlanVersions.createInStatements(on: db)
            try await orders.createInStatements(on: db)
            try await documents.createInStatements(on: db)
            try await submissions.createInStatements(on: db)
            try await notices.events.createInStatements(on: db)
            try await notices.notices.createInStatements(on: db)
            try await obligations.createInStatements(on: db)
            try await medications.medications.createInStatements(on: db)
            try await medications.administrations.createInStatements(on: db)
            try await medications.checks.createInStatements(on: db)
            try await medications.reconciliations.createInStatements(on: db)
        }
    }
}

extension Array where Element: Model {
    /// Inserts the rows in statements small enough for the databases' limits on bound values (PostgreSQL 65,535,
    /// SQLite 32,766): a thousand patients bring six thousand deadlines, too many for one statement on PostgreSQL.
    func createInStatements(on db: any Database) async throws {
        let rowsPerStatement = Swift.max(1, 30_000 / Swift.max(1, Element.keys.count))
        for start in stride(from: 0, to: count, by: rowsPerStatement) {
            try await Array(self[start..<Swift.min(start + rowsPerStatement, count)]).create(on: db)
        }
    }
}
