import Fluent
import Foundation
import HearthCore
import Vapor

/// A vital-signs Observation from another system, read and checked with the limits a visit note uses
/// (`VitalSign.Definition`): LOINC code, UCUM unit, the reading's instant and the patient. Anything else is refused by
/// its path; blood pressure comes as the panel (85354-9) with its systolic and diastolic components.
struct VitalSignWrite: Sendable {
    var sign: VitalSign
    var value: Double
    var secondValue: Double?
    var unit: VitalUnit
    var effectiveAt: Date
    var patientReference: (text: String, path: String)

    static let loinc = "http://loinc.org"
    static let ucum = "http://unitsofmeasure.org"
    static let category = "http://terminology.hl7.org/CodeSystem/observation-category"

    init(_ node: FHIRNode) throws {
        try node.allowOnly(["resourceType", "id", "meta", "text", "status", "category", "code", "subject", "effectiveDateTime", "issued",
                            "valueQuantity", "component"])
        guard let status = try node.string("status"), ["final", "amended", "corrected"].contains(status) else {
            throw node.failure("Hearth keeps final readings: send status final, amended or corrected.", at: "status")
        }
        let categories = try node.array("category").map(FHIRConcept.concept)
        guard categories.contains(where: { $0.coding?.contains { $0.system == Self.category && $0.code == "vital-signs" } == true }) else {
            throw node.failure("Hearth keeps vital signs only: send category vital-signs (\(Self.category)).", at: "category", code: "not-supported")
        }
        guard let subject = try node.object("subject") else { throw node.failure("Name the patient: subject.reference.", at: "subject") }
        try subject.allowOnly(["reference", "display"])
        patientReference = (try subject.string("reference") ?? "", subject.path + ".reference")
        guard let text = try node.string("effectiveDateTime"), let instant = Date(fhirInstant: text) else {
            throw node.failure("Say when it was taken: effectiveDateTime with a time and offset, e.g. 2026-11-20T08:30:00-05:00.", at: "effectiveDateTime")
        }
        effectiveAt = instant
        guard let code = try node.object("code") else { throw node.failure("Send the LOINC code.", at: "code") }
        let codes = try FHIRConcept.concept(code).coding?.filter { $0.system == Self.loinc }.compactMap(\.code) ?? []
        if codes.contains(VitalSign.bloodPressurePanel.code) {
            if node.child("valueQuantity") != nil { throw node.failure("A blood pressure panel carries its values in component.", at: "valueQuantity") }
            let components = try node.array("component")
            guard components.count == 2 else { throw node.failure("Send systolic and diastolic as the panel's two components.", at: "component") }
            let systolic = try Self.component(components, .systolic, in: node)
            let diastolic = try Self.component(components, .diastolic, in: node)
            sign = .systolic
            value = systolic.value
            secondValue = diastolic.value
            unit = systolic.unit
            return
        }
        guard let found = VitalSign.allCases.first(where: { sign in sign != .systolic && sign != .diastolic && sign.definition.codes.contains { codes.contains($0.code) } }) else {
            throw code.failure("Hearth keeps the vital signs a visit records (blood pressure panel, pulse, temperature, respiration, SpO2, weight, pain, glucose), "
                               + "coded in LOINC.", at: "coding", code: "code-invalid")
        }
        if node.child("component") != nil { throw node.failure("Only a blood pressure panel has components.", at: "component") }
        guard let quantity = try node.object("valueQuantity") else { throw node.failure("Send the reading: valueQuantity.", at: "valueQuantity") }
        let reading = try Self.quantity(quantity, for: found)
        sign = found
        value = reading.value
        secondValue = nil
        unit = reading.unit
    }

    /// Sets the reading; the patient and who reported it stay.
    func apply(to reading: ReportedVitalSign) {
        reading.sign = sign.rawValue
        reading.value = value
        reading.secondValue = secondValue
        reading.unit = unit.rawValue
        reading.effectiveAt = effectiveAt
    }

    private static func component(_ components: [FHIRNode], _ sign: VitalSign, in node: FHIRNode) throws -> (value: Double, unit: VitalUnit) {
        for item in components {
            try item.allowOnly(["code", "valueQuantity"])
            let codes = try item.object("code").map(FHIRConcept.concept)?.coding?.compactMap(\.code) ?? []
            guard sign.definition.codes.contains(where: { codes.contains($0.code) }) else { continue }
            guard let reading = try item.object("valueQuantity") else { throw item.failure("Send the reading: valueQuantity.", at: "valueQuantity") }
            return try Self.quantity(reading, for: sign)
        }
        throw node.failure("The panel needs the \(sign.title.lowercased()) component (LOINC \(sign.definition.codes[0].code)).", at: "component")
    }

    /// The value in a unit the vital sign is kept in, inside the limits no living patient exceeds (a typo otherwise).
    private static func quantity(_ node: FHIRNode, for sign: VitalSign) throws -> (value: Double, unit: VitalUnit) {
        try node.allowOnly(["value", "unit", "system", "code", "comparator"])
        if node.child("comparator") != nil { throw node.failure("Send the reading itself, without a comparator.", at: "comparator") }
        guard case .number(let value) = node.child("value")?.value ?? .null else { throw node.failure("Send the value as a number.", at: "value") }
        let definition = sign.definition
        guard try node.string("system") == ucum, let code = try node.string("code"), let unit = VitalUnit(rawValue: code), definition.units.contains(unit) else {
            throw node.failure("Code the unit in UCUM (\(ucum)): " + definition.units.map(\.rawValue).joined(separator: " or ") + ".", at: "code")
        }
        guard definition.limits.contains(VitalReading(sign, value, unit: unit).canonicalValue) else {
            throw node.failure("This \(definition.title.lowercased()) is outside what Hearth accepts; check the value and unit.", at: "value")
        }
        return (value, unit)
    }
}

extension FHIRController {
    /// `POST /fhir/Observation`: a vital sign another system took, kept beside the visits' own.
    func createObservation(req: Request) async throws -> Response {
        try await writing(req) { context in try await postObservation(try FHIRNode.body(req, type: "Observation"), context) }
    }

    /// The same reading sent again (patient, sign, instant and value) answers the one on file.
    func postObservation(_ node: FHIRNode, _ context: FHIRWriteContext) async throws -> Response {
        let write = try VitalSignWrite(node)
        let patient = try await context.patient(write.patientReference.text, at: write.patientReference.path)
        let patientID = try patient.requireID()
        // The patient's readings, read once per transaction; an instant is the same to the millisecond (as the database rounds it).
        if let existing = try await context.memo.vitalSigns(of: patientID, on: context.db).first(where: {
            $0.sign == write.sign.rawValue && $0.value == write.value && abs($0.effectiveAt.timeIntervalSince(write.effectiveAt)) < 0.001
        }) {
            return try await written(FHIRObservation(reported: existing), type: "Observation", id: existing.requireID(), patientID: patientID, status: .ok, context)
        }
        let user = try context.user
        let reading = ReportedVitalSign()
        reading.id = UUID()
        reading.$patient.id = patientID
        write.apply(to: reading)
        reading.source = String(user.displayName.prefix(200))
        reading.$reportedBy.id = user.id
        reading.createdAt = Date()
        reading.updatedAt = reading.createdAt
        // With the transaction's other readings in one insert at its end; the memo answers "already on file" until then.
        try await context.audit.insert(reading)
        context.memo.added(reading)
        try await context.audit("vitals.reported.create", patientID: patientID, resourceType: "Observation", resourceID: reading.id?.uuidString,
                                detail: "FHIR, \(write.sign.rawValue)")
        return try await written(FHIRObservation(reported: reading), type: "Observation", id: reading.requireID(), patientID: patientID, status: .created, context)
    }

    /// Reported vital signs of one patient, newest first.
    func reportedVitalSigns(of patient: Patient, on db: any Database) async throws -> [FHIRServed] {
        try await ReportedVitalSign.query(on: db).filter(\.$patient.$id == patient.requireID()).sort(\.$effectiveAt, .descending).sort(\.$id).all()
            .map { try FHIRServed(FHIRObservation(reported: $0), lastUpdated: $0.updatedAt ?? $0.createdAt) }
    }

    /// `GET /fhir/Observation/<id>` of a reported vital sign.
    func readReportedVitalSign(_ id: UUID, req: Request) async throws -> Response {
        guard let reading = try await ReportedVitalSign.find(id, on: req.db) else { throw AppError.notFound() }
        let patient = try await PatientAccess.authorize(.read, patientID: reading.$patient.id, on: req)
        try await req.auditRead("vitals.reported.read", patientID: patient.id, resourceType: "Observation", resourceID: id.uuidString, detail: "FHIR")
        return try req.fhirRead(try FHIRObservation(reported: reading), lastUpdated: reading.updatedAt ?? reading.createdAt)
    }
}

extension FHIRObservation {
    /// A reported vital sign as it was sent: final, the vital-signs category, LOINC and UCUM, no encounter.
    init(reported reading: ReportedVitalSign) throws {
        guard let sign = VitalSign(rawValue: reading.sign), let unit = VitalUnit(rawValue: reading.unit) else {
            throw AppError.notFound("This reported vital sign cannot be read.")
        }
        let id = try reading.requireID().uuidString.lowercased()
        let subject = FHIRVisit.Reference(reference: "Patient/\(reading.$patient.id.uuidString.lowercased())")
        if sign == .systolic, let diastolic = reading.secondValue {
            let panel = FHIRVisit.Concept(coding: [FHIRVisit.Coding(system: VitalSignWrite.loinc, code: VitalSign.bloodPressurePanel.code,
                                                                    display: VitalSign.bloodPressurePanel.display)], text: "Blood pressure")
            self.init(id: id, status: "final", code: panel, subject: subject, encounter: nil, effectiveDateTime: reading.effectiveAt.fhirInstant)
            component = [Component(code: Self.loinc(.systolic), valueQuantity: Self.quantity(VitalReading(.systolic, reading.value, unit: unit))),
                         Component(code: Self.loinc(.diastolic), valueQuantity: Self.quantity(VitalReading(.diastolic, diastolic, unit: unit)))]
        } else {
            self.init(id: id, status: "final", code: Self.loinc(sign), subject: subject, encounter: nil, effectiveDateTime: reading.effectiveAt.fhirInstant)
            valueQuantity = Self.quantity(VitalReading(sign, reading.value, unit: unit))
        }
    }
}
