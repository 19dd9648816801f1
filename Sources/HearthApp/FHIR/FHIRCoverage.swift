import Fluent
import Foundation
import HearthCore
import Vapor

/// FHIR R4 Coverage: a payer for the patient's care.
struct FHIRCoverage: Content, PatientScopedResource {
    static let resourceType = "Coverage"
    struct Reference: Codable { var reference: String?; var display: String? }
    struct Period: Codable { var start: String?; var end: String? }
    struct Coding: Codable { var system: String; var code: String }
    struct CodeableConcept: Codable { var coding: [Coding]?; var text: String? }
    struct PlanClass: Codable { var type: CodeableConcept; var value: String; var name: String? }

    var resourceType = Self.resourceType
    var id: String
    var status = "active"
    /// The program, in the Source of Payment Typology (`CoverageWrite.typeCode`).
    var type: CodeableConcept
    var subscriberId: String
    var beneficiary: Reference
    var period: Period?
    var payor: [Reference]
    var order: Int
    var `class`: [PlanClass]?

    init(_ coverage: Coverage) throws {
        id = try coverage.requireID().uuidString.lowercased()
        let program = coverage.payerProgram
        type = CodeableConcept(coding: [Coding(system: CoverageWrite.sopt, code: CoverageWrite.typeCode(program).code)], text: program.title)
        subscriberId = coverage.memberID
        beneficiary = Reference(reference: "Patient/\(coverage.$patient.id.uuidString.lowercased())", display: nil)
        period = coverage.startDate == nil && coverage.endDate == nil ? nil : Period(start: coverage.startDate, end: coverage.endDate)
        payor = [Reference(reference: coverage.$payerOrganization.id.map { "Organization/\($0.uuidString.lowercased())" }, display: coverage.payer)]
        order = coverage.order
        `class` = coverage.plan.map { plan in
            [PlanClass(type: CodeableConcept(coding: [Coding(system: "http://terminology.hl7.org/CodeSystem/coverage-class", code: "plan")], text: nil), value: plan, name: plan)]
        }
    }
}

extension FHIRController {
    /// `GET /fhir/Coverage?patient=<id>`: payers in billing order.
    func searchCoverages(req: Request) async throws -> Response {
        try await searchByPatient(FHIRCoverage.self, audit: "coverage.search", req: req) { patient in
            try await Coverage.query(on: req.db).filter(\.$patient.$id == patient.requireID()).sort(\.$order).sort(\.$id).all().map(FHIRCoverage.init)
        }
    }
}
