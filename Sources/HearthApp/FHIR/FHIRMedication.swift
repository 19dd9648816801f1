import Fluent
import Foundation
import HearthCore
import Vapor

/// Pieces FHIR medication resources share.
enum FHIRMed {
    struct Coding: Codable { var system: String?; var code: String?; var display: String? }
    struct Concept: Codable { var coding: [Coding]?; var text: String? }
    struct Quantity: Codable { var value: Decimal?; var unit: String?; var system: String?; var code: String? }
    struct Repeat: Codable {
        var frequency: Int?
        var period: Decimal?
        var periodUnit: String?
        var timeOfDay: [String]?
    }
    struct Timing: Codable { var `repeat`: Repeat? }
    struct DoseAndRate: Codable { var doseQuantity: Quantity? }
    struct Dosage: Codable {
        var text: String?
        var timing: Timing?
        var asNeededBoolean: Bool?
        var asNeededCodeableConcept: Concept?
        var route: Concept?
        var doseAndRate: [DoseAndRate]?
    }
    struct Period: Codable { var start: String?; var end: String? }
    struct Annotation: Codable { var text: String }
    struct Reference: Codable { var reference: String?; var display: String? }
    struct Performer: Codable { var actor: Reference }

    static let rxnorm = "http://www.nlm.nih.gov/research/umls/rxnorm"
    static let snomed = "http://snomed.info/sct"
    static let ucum = "http://unitsofmeasure.org"

    static func concept(_ medication: Medication) -> Concept {
        let text = [medication.name, medication.strength].compactMap { $0 }.joined(separator: " ")
        return Concept(coding: medication.rxnorm.map { [Coding(system: rxnorm, code: $0, display: text)] }, text: text)
    }

    static func dosage(_ m: Medication) -> Dosage {
        let schedule = m.schedule
        var timing: Repeat?
        if let hours = schedule.everyHours {
            timing = Repeat(frequency: 1, period: Decimal(hours), periodUnit: "h")
        } else if let perDay = schedule.timesPerDay {
            timing = Repeat(frequency: perDay, period: Decimal(schedule.everyDays ?? 1), periodUnit: "d",
                            timeOfDay: schedule.times.isEmpty ? nil : schedule.times.map { "\($0):00" })
        }
        return Dosage(
            text: "\(m.dose) \(m.route.sigPhrase) \(schedule)", timing: timing.map { Timing(repeat: $0) },
            asNeededBoolean: schedule.asNeeded && schedule.indication == nil ? true : nil,
            asNeededCodeableConcept: schedule.asNeeded ? schedule.indication.map { Concept(coding: nil, text: $0) } : nil,
            route: Concept(coding: m.route.snomedCode.map { [Coding(system: snomed, code: $0, display: m.route.snomedDisplay)] }, text: m.route.title),
            doseAndRate: [DoseAndRate(doseQuantity: Quantity(value: m.dose.amount, unit: m.dose.unit.name(for: m.dose.amount), system: ucum, code: m.dose.unit.ucum))])
    }
}

/// FHIR R4 MedicationStatement: one entry of the medication profile.
struct FHIRMedicationStatement: Content, PatientScopedResource {
    static let resourceType = "MedicationStatement"
    var resourceType = Self.resourceType
    var id: String
    var status: String
    var medicationCodeableConcept: FHIRMed.Concept
    var subject: FHIRMed.Reference
    var effectivePeriod: FHIRMed.Period
    var dateAsserted: String?
    var dosage: [FHIRMed.Dosage]
    var note: [FHIRMed.Annotation]?

    init(_ record: MedicationRecord, _ m: Medication, today: CalendarDate) throws {
        id = try record.requireID().uuidString.lowercased()
        // Stopped before today: completed; otherwise it is being taken (or about to start).
        status = m.stop.map { $0 < today ? "completed" : "active" } ?? "active"
        medicationCodeableConcept = FHIRMed.concept(m)
        subject = FHIRMed.Reference(reference: "Patient/\(record.$patient.id.uuidString.lowercased())")
        effectivePeriod = FHIRMed.Period(start: m.start.description, end: m.stop?.description)
        dateAsserted = record.updatedAt?.fhirInstant
        dosage = [FHIRMed.dosage(m)]
        note = m.notes.map { [FHIRMed.Annotation(text: $0)] }
    }
}

/// FHIR R4 MedicationAdministration: one line of the MAR.
struct FHIRMedicationAdministration: Content, PatientScopedResource {
    static let resourceType = "MedicationAdministration"
    var resourceType = Self.resourceType
    var id: String
    var status: String
    var statusReason: [FHIRMed.Concept]?
    var medicationCodeableConcept: FHIRMed.Concept
    var subject: FHIRMed.Reference
    var effectiveDateTime: String
    var performer: [FHIRMed.Performer]?
    var note: [FHIRMed.Annotation]?

    init(_ row: MedicationAdministrationRecord, medication: Medication, zone: TimeZone) throws {
        id = try row.requireID().uuidString.lowercased()
        let status = AdministrationStatus(rawValue: row.status)
        // Given: completed; held, refused or missed: not-done with the reason [FHIR R4 medication-admin-status].
        self.status = status == .given ? "completed" : "not-done"
        statusReason = status == .given ? nil : [FHIRMed.Concept(coding: nil, text: [status?.title, row.reason].compactMap { $0 }.joined(separator: ": "))]
        medicationCodeableConcept = FHIRMed.concept(medication)
        subject = FHIRMed.Reference(reference: "Patient/\(row.$patient.id.uuidString.lowercased())")
        effectiveDateTime = Self.instant(day: row.givenOn, time: row.slot, zone: zone) ?? row.recordedAt.fhirInstant
        performer = row.recordedBy.map { [FHIRMed.Performer(actor: FHIRMed.Reference(reference: nil, display: $0.displayName))] }
        note = status == .given ? row.reason.map { [FHIRMed.Annotation(text: $0)] } : nil
    }

    /// "2026-11-20" at "08:00" in the agency's zone, as an ISO 8601 instant with its offset.
    static func instant(day: String, time: String?, zone: TimeZone) -> String? {
        guard let instant = due(day: day, time: time, zone: zone) else { return nil }
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = zone
        return formatter.string(from: instant)
    }

    /// When a scheduled dose was due: "2026-11-20" at "08:00" in the agency's zone; nil for an as-needed dose.
    static func due(day: String, time: String?, zone: TimeZone) -> Date? {
        guard let date = CalendarDate(day), let time = time.flatMap({ TimeOfDay($0) }) else { return nil }
        return AgencyTime.instant(date, hour: time.hour, minute: time.minute, in: zone)
    }

    /// The MAR newest first by when each dose was due (an as-needed dose: when it was recorded), then by id: the
    /// database orders rows of the same day as it likes (PostgreSQL and SQLite differently), and pages must not shift.
    static func newestFirst(_ rows: [MedicationAdministrationRecord], zone: TimeZone) -> [MedicationAdministrationRecord] {
        rows.map { (due(day: $0.givenOn, time: $0.slot, zone: zone) ?? $0.recordedAt, $0.id?.uuidString ?? "", $0) }
            .sorted { a, b in a.0 != b.0 ? a.0 > b.0 : a.1 > b.1 }
            .map(\.2)
    }
}

/// Reads a FHIR Bundle of MedicationStatements (a hospital's discharge list) into medications to reconcile.
enum FHIRMedicationImport {
    struct Failure: Error, CustomStringConvertible { var description: String }
    struct Bundle: Decodable { var resourceType: String; var entry: [Entry]? }
    struct Entry: Decodable { var resource: Statement? }
    struct Statement: Decodable {
        var resourceType: String
        var status: String?
        var medicationCodeableConcept: FHIRMed.Concept?
        var dosage: [FHIRMed.Dosage]?
        /// A MedicationRequest's dosage (an incoming referral's medication list).
        var dosageInstruction: [FHIRMed.Dosage]?
    }

    static func medications(json: Data, start: CalendarDate) throws -> [Medication] {
        let bundle: Bundle
        do { bundle = try JSONDecoder().decode(Bundle.self, from: json) } catch {
            throw Failure(description: "This is not a FHIR Bundle Hearth can read: check that it is JSON with resourceType \"Bundle\" and MedicationStatement entries.")
        }
        guard bundle.resourceType == "Bundle" else { throw Failure(description: "Expected resourceType \"Bundle\", found \"\(bundle.resourceType)\".") }
        var medications: [Medication] = []
        var problems: [String] = []
        for (index, entry) in (bundle.entry ?? []).enumerated() {
            guard let statement = entry.resource, statement.resourceType == "MedicationStatement" else { continue }
            // Stopped or entered-in-error statements are not part of the list the patient takes.
            if let status = statement.status, ["stopped", "entered-in-error", "not-taken", "completed"].contains(status) { continue }
            switch medication(statement, start: start) {
            case .success(let medication): medications.append(medication)
            case .failure(let failure): problems.append("Entry \(index + 1): \(failure.description)")
            }
        }
        guard problems.isEmpty else { throw Failure(description: problems.joined(separator: " ")) }
        return medications
    }

    static func medication(_ s: Statement, start: CalendarDate, dosage given: FHIRMed.Dosage? = nil) -> Result<Medication, Failure> {
        let concept = s.medicationCodeableConcept
        guard let text = concept?.text ?? concept?.coding?.first?.display, !text.isEmpty else {
            return .failure(Failure(description: "the medication has no name (medicationCodeableConcept.text)."))
        }
        let (name, strength) = IncomingMedicationList.splitStrength(text)
        let rxnorm = concept?.coding?.first { $0.system == FHIRMed.rxnorm }?.code
        guard let dosage = given ?? s.dosage?.first else { return .failure(Failure(description: "\(name) has no dosage.")) }
        guard let quantity = dosage.doseAndRate?.first?.doseQuantity, let amount = quantity.value,
              let dose = MedicationDose(amount: "\(amount)", unit: quantity.unit ?? quantity.code ?? "") else {
            return .failure(Failure(description: "\(name) has no dose with a unit (dosage.doseAndRate.doseQuantity)."))
        }
        let routeText = dosage.route?.text ?? dosage.route?.coding?.first?.display ?? ""
        let route = MedicationRoute.allCases.first { $0.snomedCode != nil && $0.snomedCode == dosage.route?.coding?.first?.code }
            ?? MedicationRoute.parse(routeText)
        guard let route else { return .failure(Failure(description: "\(name) has no route Hearth knows (dosage.route).")) }
        guard let schedule = schedule(dosage) else {
            return .failure(Failure(description: "\(name) does not say how often (dosage.timing or dosage.text)."))
        }
        return .success(Medication(name: name, rxnorm: rxnorm, strength: strength, dose: dose, route: route, schedule: schedule,
                                   start: start, administeredBy: .patient))
    }

    private static func schedule(_ dosage: FHIRMed.Dosage) -> MedicationSchedule? {
        let indication = dosage.asNeededCodeableConcept?.text
        let asNeeded = dosage.asNeededBoolean == true || indication != nil
        if let r = dosage.timing?.repeat, let frequency = r.frequency {
            let period = r.period.map { NSDecimalNumber(decimal: $0).intValue } ?? 1
            let times = r.timeOfDay?.compactMap { TimeOfDay(String($0.prefix(5))) } ?? []
            switch r.periodUnit {
            case "h" where frequency == 1:
                return MedicationSchedule(everyHours: period, asNeeded: asNeeded, indication: indication)
            case "d", nil:
                return MedicationSchedule(timesPerDay: frequency, times: times.count == frequency ? times : [], everyDays: period > 1 ? period : nil,
                                          asNeeded: asNeeded, indication: indication)
            default: break
            }
        }
        if asNeeded, let indication { return .asNeeded(for: indication) }
        return dosage.text.flatMap { MedicationSchedule.parse($0) }
    }
}

extension FHIRController {
    /// `GET /fhir/MedicationStatement?patient=<id>`: the profile, current and stopped.
    func searchMedicationStatements(req: Request) async throws -> Response {
        let today = req.agencyToday
        return try await searchByPatient(FHIRMedicationStatement.self, audit: "medication.search", req: req) { patient in
            try await MedicationStore.profile(of: patient.requireID(), on: req.db).map { try FHIRMedicationStatement($0.0, $0.1, today: today) }
        }
    }

    func readMedicationStatement(req: Request) async throws -> Response {
        guard let id = req.parameters.get("id", as: UUID.self), let record = try await MedicationRecord.find(id, on: req.db) else { throw AppError.notFound() }
        let patient = try await PatientAccess.authorize(.read, patientID: record.$patient.id, on: req)
        try await req.auditRead("medication.read", patientID: patient.id, resourceType: "MedicationStatement", resourceID: id.uuidString, detail: "FHIR")
        let today = req.agencyToday
        return try req.fhirRead(FHIRMedicationStatement(record, try MedicationStore.decode(record), today: today))
    }

    /// `GET /fhir/MedicationAdministration?patient=<id>`: the MAR, newest first (at most `maxCount`).
    func searchMedicationAdministrations(req: Request) async throws -> Response {
        let zone = req.application.settings.agencyTimeZone
        return try await searchByPatient(FHIRMedicationAdministration.self, audit: "medication.mar.search", req: req) { patient in
            let rows = try await MedicationAdministrationRecord.query(on: req.db).filter(\.$patient.$id == patient.requireID())
                .with(\.$medication).with(\.$recordedBy).all()
            return try FHIRMedicationAdministration.newestFirst(rows, zone: zone)
                .map { try FHIRMedicationAdministration($0, medication: try MedicationStore.decode($0.medication), zone: zone) }
        }
    }

    func readMedicationAdministration(req: Request) async throws -> Response {
        guard let id = req.parameters.get("id", as: UUID.self),
              let row = try await MedicationAdministrationRecord.query(on: req.db).filter(\.$id == id).with(\.$medication).with(\.$recordedBy).first()
        else { throw AppError.notFound() }
        let patient = try await PatientAccess.authorize(.read, patientID: row.$patient.id, on: req)
        try await req.auditRead("medication.mar.read", patientID: patient.id, resourceType: "MedicationAdministration", resourceID: id.uuidString, detail: "FHIR")
        return try req.fhirRead(FHIRMedicationAdministration(row, medication: try MedicationStore.decode(row.medication), zone: req.application.settings.agencyTimeZone))
    }
}
