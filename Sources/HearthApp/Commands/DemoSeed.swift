import ConsoleKit
import Fluent
import Foundation
import HearthCore
import Vapor

/// A synthetic agency so that every page has something real to show. No real person's data.
enum DemoSeed {
    static let password = "hearth-demo"

    /// The six sign-ins the README names, then more staff so caseloads look like an agency's.
    static let staff: [(username: String, name: String, role: Role)] = [
        ("admin", "Alex Admin", .admin),
        ("supervisor", "Sandra Okafor, RN", .supervisor),
        ("casemanager", "Maria Lopez, RN", .caseManager),
        ("clinician", "James Chen, RN", .clinician),
        ("aide", "Tasha Williams, HHA", .aide),
        ("physician", "Dr. Robert Patel", .physician),
        ("intake", "Irene Walsh", .intake),
        ("payer", "Paul Greene, RN", .payer),
        ("dkim", "Daniel Kim, LCSW", .caseManager),
        ("aharris", "Angela Harris, RN", .caseManager),
        ("pnguyen", "Priya Nguyen, PT", .clinician),
        ("lbrooks", "Lena Brooks, HHA", .aide),
        ("dromero", "Dr. Elena Romero", .physician),
    ]

    static let femaleNames = ["Dorothy", "Evelyn", "Mildred", "Ruth", "Gloria", "Betty", "Shirley", "Lorraine", "Marjorie", "Joan"]
    static let maleNames = ["Harold", "Walter", "Eugene", "Frank", "Raymond", "Clarence", "Ernest", "Howard", "Leonard", "Arthur"]
    static let familyNames = ["Abernathy", "Baptiste", "Castillo", "Delgado", "Ellison", "Fitzgerald", "Gutierrez", "Hollister",
                              "Ivanova", "Jefferson", "Kowalski", "Lindqvist", "McAllister", "Nakamura", "Okonkwo", "Pellegrino",
                              "Quintero", "Rasmussen", "Sorensen", "Thibodeaux"]
    static let streets = ["Maple Ave", "Oak St", "Elm Dr", "Cedar Ln", "Walnut St", "Sycamore Rd", "Birch Ct", "Hickory Way"]
    static let towns = [("Columbus", "43215"), ("Dublin", "43017"), ("Westerville", "43081"), ("Grove City", "43123"), ("Reynoldsburg", "43068")]

    /// Creates the demo agency unless the database already has users. Returns whether it seeded.
    static func seedIfEmpty(_ db: any Database, console: any Console, hasher: any PasswordHasher, zone: TimeZone, patients: Int = 60) async throws -> Bool {
        guard try await User.query(on: db).count() == 0 else { return false }
        let hash = try hasher.hash(password)
        try await db.transaction { db in
            var generator = SeededGenerator(seed: 20_261_123)
            var users: [String: User] = [:]
            for member in staff {
                let user = User(username: member.username, displayName: member.name, role: member.role.rawValue, passwordHash: hash)
                try await user.create(on: db)
                users[member.username] = user
            }
            let managers = staff.filter { $0.role == .caseManager }.compactMap { users[$0.username] }
            let clinicians = staff.filter { $0.role == .clinician }.compactMap { users[$0.username] }
            let aides = staff.filter { $0.role == .aide }.compactMap { users[$0.username] }
            let physicians = staff.filter { $0.role == .physician }.compactMap { users[$0.username] }
            let today = CalendarDate(Date(), in: zone)
            let progress = console.progressBar(title: "Seeding \(patients) demo patients")
            progress.start()
            for index in 0..<patients {
                let patient = makePatient(index: index, using: &generator)
                patient.$caseManager.id = managers[index % managers.count].id
                patient.$physician.id = physicians[index % physicians.count].id
                if index % 7 == 0 { patient.$referredBy.id = users["intake"]?.id }
                try await patient.create(on: db)
                let patientID = try patient.requireID()
                try await CareTeamMember(patientID: patientID, userID: try clinicians[index % clinicians.count].requireID(), teamRole: clinicians[index % clinicians.count].displayName.hasSuffix("PT") ? "Physical therapy" : "Skilled nursing").create(on: db)
                if index % 3 == 0 {
                    try await CareTeamMember(patientID: patientID, userID: try aides[index % aides.count].requireID(), teamRole: "Home health aide").create(on: db)
                }
                try await seedEpisode(patientID: patientID, index: index, today: today, by: managers[index % managers.count].id, on: db)
                progress.activity.currentProgress = Double(index + 1) / Double(patients)
            }
            progress.succeed()
            try await AuditLog.record(.init(actorName: "demo", action: "demo.seed", outcome: .success, detail: "\(staff.count) staff, \(patients) patients"), on: db)
        }
        return true
    }

    /// Episodes in every state: referrals, active ones at every point of their periods (some due or overdue
    /// for recertification), transfers, discharges and a referral that was not admitted.
    static func seedEpisode(patientID: UUID, index: Int, today: CalendarDate, by userID: UUID?, on db: any Database) async throws {
        let socAgo = [3, 12, 25, 40, 57, 58, 64, 75, 118, 150][index % 10]
        let soc = today.adding(days: -socAgo)
        var episode = Episode(referralDate: soc.adding(days: -2))
        switch index % 10 {
        case 0:
            episode = Episode(referralDate: today.adding(days: -1))
        case 1:
            try episode.apply(.notAdmitted(on: soc, reason: "Not homebound"))
        default:
            try episode.apply(.admitted(startOfCare: soc))
            // Recertify every period that has ended, on day 57, except the overdue example.
            var period = CertificationPeriod(number: 1, startOfCare: soc)
            while period.end < today && index % 10 != 6 {
                try episode.apply(.recertified(on: period.recertificationWindowStart.adding(days: 1)))
                period = CertificationPeriod(number: period.number + 1, startOfCare: soc)
            }
            if index % 10 == 3 { try episode.apply(.transferred(on: today.adding(days: -3))) }
            if index % 10 == 7 {
                try episode.apply(.transferred(on: today.adding(days: -10)))
                try episode.apply(.resumed(on: today.adding(days: -6)))
            }
            if index % 10 == 9 { try episode.apply(.discharged(on: today.adding(days: -2), reason: "Goals met")) }
        }
        let record = EpisodeRecord()
        record.$patient.id = patientID
        try await EpisodeStore.save(episode, into: record, newEvents: episode.events, from: 0, by: userID, on: db)
    }

    static func makePatient(index: Int, using generator: inout SeededGenerator) -> Patient {
        let female = index % 2 == 0
        let names = female ? femaleNames : maleNames
        let given = names[Int(generator.next() % UInt64(names.count))]
        let family = familyNames[Int(generator.next() % UInt64(familyNames.count))]
        let year = 1930 + Int(generator.next() % 30)
        let month = 1 + Int(generator.next() % 12)
        let day = 1 + Int(generator.next() % 28)
        let patient = Patient(
            mrn: MedicalRecordNumber.make(100_000 + index),
            givenName: given, familyName: family,
            birthDate: String(format: "%04d-%02d-%02d", year, month, day),
            sex: female ? "female" : "male"
        )
        let town = towns[index % towns.count]
        patient.addressLine = "\(100 + Int(generator.next() % 9_800)) \(streets[index % streets.count])"
        patient.city = town.0
        patient.state = "OH"
        patient.postalCode = town.1
        patient.phone = String(format: "614-555-%04d", Int(generator.next() % 10_000))
        return patient
    }
}

/// Repeatable pseudo-random numbers (SplitMix64), so every demo agency is the same.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
