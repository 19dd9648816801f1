import Fluent
import Foundation
import HearthCore
import Vapor

/// FHIR R4 for visits: Appointment (scheduled), Encounter (made), Observation (vital signs, LOINC and UCUM).
enum FHIRVisit {
    struct Coding: Codable { var system: String?; var code: String; var display: String? }
    struct Concept: Codable { var coding: [Coding]?; var text: String? }
    struct Reference: Codable { var reference: String; var display: String? }
    struct Period: Codable { var start: String?; var end: String? }
    struct Quantity: Codable { var value: Double; var unit: String; var system = "http://unitsofmeasure.org"; var code: String }

    static func instant(_ visit: VisitRecord, zone: TimeZone, plusMinutes: Int = 0) -> String? {
        guard let day = CalendarDate(visit.scheduledOn), let time = ClockTime(visit.startTime),
              let date = AgencyTime.instant(day, hour: time.hour, minute: time.minute, in: zone) else { return nil }
        return date.addingTimeInterval(Double(plusMinutes) * 60).fhirInstant
    }

    static func patient(_ visit: VisitRecord) -> Reference { Reference(reference: "Patient/\(visit.$patient.id.uuidString.lowercased())") }

    static func practitioner(_ visit: VisitRecord) -> Reference? {
        visit.$clinician.id.map { Reference(reference: "Practitioner/\($0.uuidString.lowercased())", display: visit.clinician?.displayName) }
    }
}

/// A scheduled, made, missed or cancelled visit as an Appointment.
struct FHIRAppointment: Content, PatientScopedResource {
    struct Participant: Codable { var actor: FHIRVisit.Reference; var status = "accepted" }
    static let resourceType = "Appointment"
    var resourceType = Self.resourceType
    var id: String
    var status: String
    var serviceType: [FHIRVisit.Concept]
    var start: String?
    var end: String?
    var minutesDuration: Int
    var participant: [Participant]

    init(_ visit: VisitRecord, zone: TimeZone) throws {
        id = try visit.requireID().uuidString.lowercased()
        status = switch visit.visitStatus {
        case .completed: "fulfilled"
        case .missed: "noshow"
        case .cancelled: "cancelled"
        case .scheduled: "booked"
        }
        serviceType = [FHIRVisit.Concept(coding: nil, text: Discipline(rawValue: visit.discipline)?.title ?? visit.discipline)]
        start = FHIRVisit.instant(visit, zone: zone)
        end = FHIRVisit.instant(visit, zone: zone, plusMinutes: visit.minutes)
        minutesDuration = visit.minutes
        participant = [Participant(actor: FHIRVisit.patient(visit))] + (FHIRVisit.practitioner(visit).map { [Participant(actor: $0)] } ?? [])
    }
}

/// A visit that was made (checked in) as an Encounter of class home health.
struct FHIREncounter: Content, PatientScopedResource {
    struct Participant: Codable { var individual: FHIRVisit.Reference }
    static let resourceType = "Encounter"
    var resourceType = Self.resourceType
    var id: String
    var status: String
    var `class` = FHIRVisit.Coding(system: "http://terminology.hl7.org/CodeSystem/v3-ActCode", code: "HH", display: "home health")
    var serviceType: FHIRVisit.Concept
    var subject: FHIRVisit.Reference
    var participant: [Participant]?
    var appointment: [FHIRVisit.Reference]
    var period: FHIRVisit.Period

    init(_ visit: VisitRecord) throws {
        id = try visit.requireID().uuidString.lowercased()
        status = visit.checkedOutAt == nil ? "in-progress" : "finished"
        serviceType = FHIRVisit.Concept(coding: nil, text: Discipline(rawValue: visit.discipline)?.title ?? visit.discipline)
        subject = FHIRVisit.patient(visit)
        participant = FHIRVisit.practitioner(visit).map { [Participant(individual: $0)] }
        appointment = [FHIRVisit.Reference(reference: "Appointment/\(id)")]
        period = FHIRVisit.Period(start: visit.checkedInAt?.fhirInstant, end: visit.checkedOutAt?.fhirInstant)
    }
}

/// One vital sign from a visit note (blood pressure as the panel with its two components), per the FHIR vital-signs profile.
struct FHIRObservation: Content, PatientScopedResource {
    struct Component: Codable { var code: FHIRVisit.Concept; var valueQuantity: FHIRVisit.Quantity }
    static let resourceType = "Observation"
    var resourceType = Self.resourceType
    var id: String
    var status: String
    var category = [FHIRVisit.Concept(coding: [FHIRVisit.Coding(system: "http://terminology.hl7.org/CodeSystem/observation-category", code: "vital-signs",
                                                                 display: "Vital Signs")], text: nil)]
    var code: FHIRVisit.Concept
    var subject: FHIRVisit.Reference
    /// The visit the reading was taken on; a reading another system reported has none.
    var encounter: FHIRVisit.Reference?
    var effectiveDateTime: String
    var valueQuantity: FHIRVisit.Quantity?
    var component: [Component]?

    static func loinc(_ sign: VitalSign) -> FHIRVisit.Concept {
        FHIRVisit.Concept(coding: sign.definition.codes.map { FHIRVisit.Coding(system: "http://loinc.org", code: $0.code, display: $0.display) }, text: sign.title)
    }

    static func quantity(_ reading: VitalReading) -> FHIRVisit.Quantity {
        FHIRVisit.Quantity(value: reading.value, unit: reading.unit.symbol, code: reading.unit.rawValue)
    }

    /// The observations of one visit's note; none before check-in.
    static func of(_ visit: VisitRecord) throws -> [FHIRObservation] {
        guard let taken = visit.checkedInAt, let vitals = try? VisitStore.note(visit).vitalsDraft.vitals().get() else { return [] }
        let visitID = try visit.requireID().uuidString.lowercased()
        let status = visit.signedAt == nil ? "preliminary" : "final"
        func make(_ id: String, _ code: FHIRVisit.Concept) -> FHIRObservation {
            FHIRObservation(id: "\(visitID)-\(id)", status: status, code: code, subject: FHIRVisit.patient(visit),
                            encounter: FHIRVisit.Reference(reference: "Encounter/\(visitID)"), effectiveDateTime: taken.fhirInstant)
        }
        var observations: [FHIRObservation] = []
        if let systolic = vitals[.systolic], let diastolic = vitals[.diastolic] {
            var panel = make("bp", FHIRVisit.Concept(coding: [FHIRVisit.Coding(system: "http://loinc.org", code: VitalSign.bloodPressurePanel.code,
                                                                                display: VitalSign.bloodPressurePanel.display)], text: "Blood pressure"))
            panel.component = [Component(code: loinc(.systolic), valueQuantity: quantity(systolic)), Component(code: loinc(.diastolic), valueQuantity: quantity(diastolic))]
            observations.append(panel)
        }
        for reading in vitals.readings where reading.sign != .systolic && reading.sign != .diastolic {
            var observation = make(reading.sign.rawValue, loinc(reading.sign))
            observation.valueQuantity = quantity(reading)
            observations.append(observation)
        }
        return observations
    }
}

extension FHIRController {
    func searchAppointments(req: Request) async throws -> Response {
        try await searchPatientRecord("Appointment", audit: "visit.search", req: req) { try await patientRecords("Appointment", of: $0, req: req) }
    }

    func searchEncounters(req: Request) async throws -> Response {
        if try req.currentUser.role.isHospitalStaff { return try await searchStayEncounters(req: req) }
        return try await searchPatientRecord("Encounter", audit: "visit.search", req: req) { try await patientRecords("Encounter", of: $0, req: req) }
    }

    func searchObservations(req: Request) async throws -> Response {
        try await searchPatientRecord("Observation", audit: "visit.vitals.search", req: req) { try await patientRecords("Observation", of: $0, req: req) }
    }

    func readAppointment(req: Request) async throws -> Response {
        let visit = try await readVisit(req, "Appointment")
        return try req.fhirRead(FHIRAppointment(visit, zone: req.application.settings.agencyTimeZone), lastUpdated: visit.updatedAt)
    }

    func readEncounter(req: Request) async throws -> Response {
        if let id = req.parameters.get("id"), id.hasPrefix("stay-") { return try await readStayEncounter(id, req: req) }
        let visit = try await readVisit(req, "Encounter")
        guard visit.checkedInAt != nil else { throw AppError.notFound() }
        return try req.fhirRead(FHIREncounter(visit), lastUpdated: visit.updatedAt)
    }

    /// `GET /fhir/Observation/<visit id>-<sign>`.
    func readObservation(req: Request) async throws -> Response {
        if let id = req.parameters.get("id", as: UUID.self) { return try await readReportedVitalSign(id, req: req) }
        guard let raw = req.parameters.get("id"), raw.count > 37, let visitID = UUID(uuidString: String(raw.prefix(36))) else { throw AppError.notFound() }
        guard let visit = try await VisitRecord.query(on: req.db).filter(\.$id == visitID).with(\.$clinician).first() else { throw AppError.notFound() }
        let patient = try await PatientAccess.authorize(.read, patientID: visit.$patient.id, on: req)
        try await req.auditRead("visit.vitals.read", patientID: patient.id, resourceType: "Observation", resourceID: raw, detail: "FHIR")
        guard let observation = try FHIRObservation.of(visit).first(where: { $0.id == raw.lowercased() }) else { throw AppError.notFound() }
        return try req.fhirRead(observation, lastUpdated: visit.updatedAt)
    }

    /// The patient's visits, newest first (searches page them).
    func visits(of patient: Patient, _ req: Request) async throws -> [VisitRecord] {
        try await VisitRecord.query(on: req.db).filter(\.$patient.$id == patient.requireID()).with(\.$clinician)
            .sort(\.$scheduledOn, .descending).sort(\.$startTime, .descending).sort(\.$id).all()
    }

    private func readVisit(_ req: Request, _ type: String) async throws -> VisitRecord {
        guard let id = req.parameters.get("id", as: UUID.self),
              let visit = try await VisitRecord.query(on: req.db).filter(\.$id == id).with(\.$clinician).first() else { throw AppError.notFound() }
        let patient = try await PatientAccess.authorize(.read, patientID: visit.$patient.id, on: req)
        try await req.auditRead("visit.read", patientID: patient.id, resourceType: type, resourceID: id.uuidString, detail: "FHIR")
        return visit
    }
}
