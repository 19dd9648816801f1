import Foundation
import HearthCore

/// Made-up people and places for the demo agency.
enum DemoNames {
    static let femaleNames = ["Dorothy", "Evelyn", "Mildred", "Ruth", "Gloria", "Betty", "Shirley", "Lorraine", "Marjorie", "Joan",
                              "Helen", "Frances", "Alice", "Jean", "Doris", "Rose", "Irene", "Louise", "Martha", "Edna",
                              "Rosa", "Carmen", "Mei", "Aiko", "Fatima", "Amara", "Ngozi", "Olga", "Ingrid", "Priya"]
    static let maleNames = ["Harold", "Walter", "Eugene", "Frank", "Raymond", "Clarence", "Ernest", "Howard", "Leonard", "Arthur",
                            "George", "Albert", "Henry", "Carl", "Ralph", "Louis", "Joseph", "Roy", "Earl", "Fred",
                            "Jose", "Luis", "Hiroshi", "Wei", "Tariq", "Kwame", "Emeka", "Dmitri", "Lars", "Rajesh"]
    static let familyNames = ["Abernathy", "Baptiste", "Castillo", "Delgado", "Ellison", "Fitzgerald", "Gutierrez", "Hollister",
                              "Ivanova", "Jefferson", "Kowalski", "Lindqvist", "McAllister", "Nakamura", "Okonkwo", "Pellegrino",
                              "Quintero", "Rasmussen", "Sorensen", "Thibodeaux", "Underwood", "Vasquez", "Whitfield", "Xiong",
                              "Yamamoto", "Zielinski", "Adeyemi", "Brennan", "Chowdhury", "Dubois", "Esposito", "Friedman",
                              "Gallagher", "Haddad", "Iverson", "Jablonski", "Kaur", "Lombardi", "Mwangi", "Novak"]
    static let streets = ["Maple Ave", "Oak St", "Elm Dr", "Cedar Ln", "Walnut St", "Sycamore Rd", "Birch Ct", "Hickory Way",
                          "Linden Pl", "Chestnut St", "Willow Bend", "Poplar Ave"]
    /// Central Ohio towns with their ZIP and approximate centre, so visits have distances between them.
    static let towns = [("Columbus", "43215", 39.962, -83.000), ("Dublin", "43017", 40.099, -83.114), ("Westerville", "43081", 40.126, -82.929),
                        ("Grove City", "43123", 39.881, -83.093), ("Reynoldsburg", "43068", 39.955, -82.812), ("Hilliard", "43026", 40.033, -83.158),
                        ("Gahanna", "43230", 40.019, -82.879), ("Worthington", "43085", 40.093, -83.018)]

    /// The rest of the agency, sized for `patients` the way agencies staff: about 25–60 patients per case manager
    /// (~36 staff for the 300-patient demo, ~2,400 for 100,000 patients).
    static func generatedStaff(patients: Int, using generator: inout SeededGenerator) -> [(username: String, name: String, role: Role)] {
        let scale = max(1, patients / 300)
        let plan: [(Role, suffix: String, count: Int)] = [
            (.caseManager, "RN", 8 * scale), (.caseManager, "LCSW", 3 * scale), (.clinician, "RN", 5 * scale), (.clinician, "LPN", 2 * scale),
            (.clinician, "PT", 2 * scale), (.clinician, "OT", scale), (.clinician, "SLP", scale), (.clinician, "MSW", scale),
            (.aide, "HHA", 7 * scale), (.physician, "MD", 4 * scale), (.supervisor, "RN", scale), (.intake, "", scale),
        ]
        var used = Set<String>()
        var staff: [(String, String, Role)] = []
        for (role, suffix, count) in plan {
            for _ in 0..<count {
                var given: String, family: String, username: String
                var attempt = 0
                repeat {
                    let names = generator.next() % 2 == 0 ? femaleNames : maleNames
                    given = names[Int(generator.next() % UInt64(names.count))]
                    family = familyNames[Int(generator.next() % UInt64(familyNames.count))]
                    username = (given.prefix(1) + family).lowercased() + (attempt > 3 ? String(used.count) : "")
                    attempt += 1
                } while used.contains(username)
                used.insert(username)
                let name = role == .physician ? "Dr. \(given) \(family)" : suffix.isEmpty ? "\(given) \(family)" : "\(given) \(family), \(suffix)"
                staff.append((username, name, role))
            }
        }
        return staff
    }

    /// Primary diagnoses that bring people to home health, and common companions (ICD-10-CM).
    static let primaryDiagnoses = [
        ("I50.9", "Heart failure, unspecified"), ("J44.1", "Chronic obstructive pulmonary disease with (acute) exacerbation"),
        ("E11.621", "Type 2 diabetes mellitus with foot ulcer"), ("I69.351", "Hemiplegia and hemiparesis following cerebral infarction affecting right dominant side"),
        ("Z47.1", "Aftercare following joint replacement surgery"), ("L89.153", "Pressure ulcer of sacral region, stage 3"),
        ("J18.9", "Pneumonia, unspecified organism"), ("S72.001D", "Fracture of unspecified part of neck of right femur, subsequent encounter for closed fracture with routine healing"),
    ]
    static let secondaryDiagnoses = [
        ("I10", "Essential (primary) hypertension"), ("E11.9", "Type 2 diabetes mellitus without complications"),
        ("N18.30", "Chronic kidney disease, stage 3 unspecified"), ("I48.91", "Unspecified atrial fibrillation"),
        ("Z79.01", "Long term (current) use of anticoagulants"), ("R26.81", "Unsteadiness on feet"), ("Z91.81", "History of falling"),
        ("F32.9", "Major depressive disorder, single episode, unspecified"), ("M17.11", "Unilateral primary osteoarthritis, right knee"),
    ]

    /// One primary and one or two secondary diagnoses.
    static func diagnoses(using generator: inout SeededGenerator) -> [(String, String)] {
        var picked = [primaryDiagnoses[Int(generator.next() % UInt64(primaryDiagnoses.count))]]
        let first = Int(generator.next() % UInt64(secondaryDiagnoses.count))
        picked.append(secondaryDiagnoses[first])
        if generator.next() % 2 == 0 { picked.append(secondaryDiagnoses[(first + 3) % secondaryDiagnoses.count]) }
        return picked
    }

    static let commonAllergies = [
        ("Penicillin", "Hives", "moderate"), ("Sulfonamide antibiotics", "Rash", "mild"), ("Codeine", "Nausea and vomiting", "mild"),
        ("Latex", "Contact dermatitis", "mild"), ("Shellfish", "Anaphylaxis", "severe"), ("Aspirin", "Wheezing", "moderate"),
        ("Iodinated contrast", "Hives", "moderate"), ("Peanuts", "Anaphylaxis", "severe"),
    ]

    /// About half of patients have no recorded allergy; the rest one or two.
    static func allergies(using generator: inout SeededGenerator) -> [(String, String, String)] {
        let count = [0, 0, 1, 1, 2][Int(generator.next() % 5)]
        let first = Int(generator.next() % UInt64(commonAllergies.count))
        return (0..<count).map { commonAllergies[(first + $0 * 3) % commonAllergies.count] }
    }

    /// Traditional Medicare for most, Medicare Advantage for some, Medicaid as a second payer for a few.
    /// Member ids are made up in the shape of a Medicare Beneficiary Identifier (11 characters).
    static func coverages(serial: Int, using generator: inout SeededGenerator) -> [(String, String?, String)] {
        // MBI shape: digit, letter, letter-or-digit, digit, dash, … (letters avoid S, L, O, I, B, Z).
        let letters = Array("ACDEFGHJKMNPQRTUVWXY")
        var id = String(1 + generator.next() % 9)
        for kind in "LLD-LLD-LLDD" {
            switch kind {
            case "L": id.append(letters[Int(generator.next() % UInt64(letters.count))])
            case "D": id += String(generator.next() % 10)
            default: id.append("-")
            }
        }
        func mbi() -> String { id }
        var payers: [(String, String?, String)]
        switch serial % 5 {
        case 0: payers = [("Buckeye Senior Advantage (synthetic)", "HMO", "BSA" + String(format: "%08d", serial))]
        default: payers = [("Medicare", "Part A", mbi())]
        }
        if serial % 7 == 0 { payers.append(("Ohio Medicaid", nil, String(format: "%012d", 100_000_000 + serial))) }
        return payers
    }

    static let agencyName = "Riverbend Home Health (synthetic)"
    static let payerNames = ["Medicare", "Buckeye Senior Advantage (synthetic)", "Ohio Medicaid"]

    static func teamRole(of clinician: User) -> String {
        switch clinician.displayName.split(separator: ",").last?.trimmingCharacters(in: .whitespaces) {
        case "PT": "Physical therapy"
        case "OT": "Occupational therapy"
        case "SLP": "Speech-language pathology"
        case "MSW": "Medical social work"
        default: "Skilled nursing"
        }
    }

    static func patient(serial: Int, using generator: inout SeededGenerator) -> Patient {
        let female = generator.next() % 100 < 58 // home health patients are more often women
        let names = female ? femaleNames : maleNames
        let given = names[Int(generator.next() % UInt64(names.count))]
        let family = familyNames[Int(generator.next() % UInt64(familyNames.count))]
        let birth = CalendarDate(dayNumber: CalendarDate("1926-01-01")!.dayNumber + Int(generator.next() % 21_900)) // born 1926–1985
        let patient = Patient(mrn: MedicalRecordNumber.make(100_000 + serial), givenName: given, familyName: family,
                              birthDate: birth.description, sex: female ? "female" : "male")
        let town = towns[Int(generator.next() % UInt64(towns.count))]
        patient.addressLine = "\(100 + Int(generator.next() % 9_800)) \(streets[Int(generator.next() % UInt64(streets.count))])"
        patient.city = town.0
        patient.state = "OH"
        patient.postalCode = town.1
        // Spread around the town centre by up to ~3 km, from the serial so the rest of the draw stays the same.
        patient.latitude = town.2 + Double((serial * 37) % 61 - 30) * 0.001
        patient.longitude = town.3 + Double((serial * 53) % 61 - 30) * 0.001
        patient.phone = String(format: "614-555-01%02d", Int(generator.next() % 100))
        let roll = Int(generator.next() % 100)
        // Central Ohio: mostly English; Spanish, Somali and Nepali speakers, several needing an interpreter.
        let (language, interpreter) = roll < 82 ? ("English", false) : roll < 91 ? ("Spanish", roll % 2 == 0) : roll < 96 ? ("Somali", true) : ("Nepali", true)
        patient.language = language
        patient.interpreterNeeded = interpreter
        patient.timeZone = "America/New_York"
        if roll % 9 == 0 { patient.preferredName = nicknames[given] }
        if roll % 4 == 0 { patient.alternatePhone = String(format: "614-555-01%02d", Int(generator.next() % 100)) }
        patient.codeStatus = [CodeStatus.fullCode, .fullCode, .fullCode, .dnr, .dnrDni, .comfortCare, .unknown][Int(generator.next() % 7)].rawValue
        patient.emergencyPriority = [1, 2, 2, 3, 3, 3, 4][Int(generator.next() % 7)]
        if patient.emergencyPriority == 1 {
            patient.evacuationNeeds = "Wheelchair van; cannot use stairs"
            patient.emergencyEquipment = "Oxygen concentrator (2 L/min)"
        }
        return patient
    }

    static let nicknames = ["Dorothy": "Dot", "Evelyn": "Evie", "Mildred": "Millie", "Margaret": "Peggy", "Elizabeth": "Betty",
                            "Harold": "Hal", "Walter": "Walt", "Eugene": "Gene", "Raymond": "Ray", "Leonard": "Len", "Robert": "Bob"]

    /// Family and caregivers: most patients have one or two; some live alone with a neighbour as the only contact.
    static func contacts(family: String, using generator: inout SeededGenerator) -> [ContactDraft] {
        let first = femaleNames[Int(generator.next() % UInt64(femaleNames.count))]
        let other = maleNames[Int(generator.next() % UInt64(maleNames.count))]
        let phone = { (g: inout SeededGenerator) in String(format: "614-555-01%02d", Int(g.next() % 100)) }
        switch generator.next() % 4 {
        case 0:
            return [ContactDraft(name: "\(other) \(family)", relationship: "spouse", phone: phone(&generator), livesWith: true, isCaregiver: true, isDecisionMaker: true)]
        case 1:
            return [ContactDraft(name: "\(first) \(family)", relationship: "daughter", phone: phone(&generator), livesWith: false, isCaregiver: true, isDecisionMaker: true),
                    ContactDraft(name: "\(other) \(family)", relationship: "son", phone: phone(&generator), livesWith: false, isCaregiver: false, isDecisionMaker: false)]
        case 2:
            return [ContactDraft(name: "\(first) Novak", relationship: "neighbor", phone: phone(&generator), livesWith: false, isCaregiver: false, isDecisionMaker: false)]
        default:
            return [ContactDraft(name: "\(first) \(family)", relationship: "daughter", phone: phone(&generator), livesWith: true, isCaregiver: true, isDecisionMaker: true)]
        }
    }

    static let outsideContacts: [ExternalContactDraft] = [
        ExternalContactDraft(role: "Pharmacy", name: "", organization: "Riverside Community Pharmacy (synthetic)", phone: "614-555-0170", fax: "614-555-0171"),
        ExternalContactDraft(role: "Cardiologist", name: "Dr. Helen Marsh", organization: "Capital Heart Clinic (synthetic)", phone: "614-555-0180", fax: "614-555-0181"),
        ExternalContactDraft(role: "Home-delivered meals", name: "", organization: "Franklin Meals on Wheels (synthetic)", phone: "614-555-0190", fax: ""),
    ]

    /// A number that varies within every caseload: caseloads take every n-th serial, so `serial % k` alone
    /// would give all of one case manager's patients the same value whenever k divides n.
    static func spread(_ serial: Int) -> Int { serial * 7 + serial / 10 }

    /// Who sent the referral: hospitals' discharge planners, physician offices, a skilled nursing facility.
    static func referralSource(serial: Int) -> String {
        ["Riverside General Hospital (synthetic), discharge planning", "Capital Heart Clinic (synthetic)",
         "Dr. Okafor's family practice (synthetic)", "Maple Grove Skilled Nursing (synthetic)",
         "Mercy East Hospital (synthetic), case management"][serial % 5]
    }

    /// Episodes in every state: referrals, active ones at every point of their periods (some due or overdue
    /// for recertification), transfers, a resumption, discharges and a referral that was not admitted.
    /// `slot` is the patient's place in its case manager's caseload, so every caseload shows every state.
    static func episode(slot: Int, today: CalendarDate) throws -> Episode {
        let serial = slot
        let socAgo = [3, 12, 25, 40, 57, 58, 64, 75, 118, 150][serial % 10]
        let soc = today.adding(days: -socAgo)
        var episode = Episode(referralDate: soc.adding(days: -2))
        switch serial % 10 {
        case 0:
            return Episode(referralDate: today.adding(days: -1))
        case 1:
            try episode.apply(.notAdmitted(on: soc, reason: "Not homebound"))
        default:
            try episode.apply(.admitted(startOfCare: soc))
            // Recertify every period that has ended, on day 57, except the overdue example (every other serial % 10 == 6).
            var period = CertificationPeriod(number: 1, startOfCare: soc)
            while period.end < today && serial % 20 != 6 {
                try episode.apply(.recertified(on: period.recertificationWindowStart.adding(days: 1)))
                period = CertificationPeriod(number: period.number + 1, startOfCare: soc)
            }
            if serial % 10 == 3 { try episode.apply(.transferred(on: today.adding(days: -3))) }
            if serial % 10 == 7 {
                try episode.apply(.transferred(on: today.adding(days: -10)))
                try episode.apply(.resumed(on: today.adding(days: -6)))
            }
            if serial % 10 == 9 {
                try episode.apply(.discharged(on: today.adding(days: -2), reason: diedAtHome(slot: slot) ? "Died at home, family present" : "Goals met"))
            }
        }
        return episode
    }

    /// Every other discharged example died at home: the death-at-home OASIS (RFA 8) is owed, not a discharge assessment.
    static func diedAtHome(slot: Int) -> Bool { slot % 20 == 19 }
}

/// Repeatable pseudo-random numbers (SplitMix64), so a seed always makes the same agency.
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
