import Fluent
import Foundation
import HearthCore
import Vapor

/// An incoming FHIR Coverage as the chart's coverage form would take it: the payer (`payor` display, or an
/// Organization Hearth knows), the member ID (`subscriberId`), the program (`type`, Source of Payment Typology), the
/// plan (`class` plan), the billing order and the period. Anything else is refused by its path.
struct CoverageWrite: Sendable {
    var draft: CoverageDraft
    var program: PayerProgram
    /// nil: the next free place in the patient's billing order.
    var order: CoverageDraft.Order?
    var beneficiary: (text: String, path: String)
    var id: String?

    /// Source of Payment Typology (https://nahdo.org/sopt), as US Core Coverage codes `type`.
    static let sopt = "https://nahdo.org/sopt"
    static let planClass = "http://terminology.hl7.org/CodeSystem/coverage-class"

    /// The payor's `reference` and its path, to resolve before reading (`FHIRWriteContext.organizationName`).
    static func payorReference(_ node: FHIRNode) throws -> (text: String, path: String)? {
        guard let payor = try node.array("payor").first, let reference = try payor.string("reference") else { return nil }
        return (reference, payor.path + ".reference")
    }

    /// Reads and checks the coverage; `payerName` is the name of the Organization the payor refers to, if it does.
    init(_ node: FHIRNode, payerName: String?) throws {
        try node.allowOnly(["resourceType", "id", "meta", "text", "identifier", "status", "type", "subscriberId", "beneficiary", "relationship",
                            "period", "payor", "order", "class"])
        id = try node.string("id")
        if let status = try node.string("status"), status != "active" { throw node.failure("Hearth keeps coverage in force: send status active.", at: "status") }
        guard let patient = try node.object("beneficiary") else { throw node.failure("Name the patient: beneficiary.reference.", at: "beneficiary") }
        try patient.allowOnly(["reference", "display"])
        beneficiary = (try patient.string("reference") ?? "", patient.path + ".reference")
        if let relationship = try node.object("relationship"), try FHIRConcept.concept(relationship).coding?.first?.code != "self" {
            throw relationship.failure("Hearth keeps the patient's own coverage: send relationship self or leave it out.")
        }
        let payors = try node.array("payor")
        guard payors.count == 1, let payor = payors.first else { throw node.failure("Send one payor: the payer who pays for this coverage.", at: "payor") }
        try payor.allowOnly(["reference", "display"])
        let payer = try payerName ?? payor.string("display") ?? ""
        let memberID = try node.string("subscriberId") ?? ""
        for identifier in try node.array("identifier") {
            try identifier.allowOnly(["system", "value", "use", "type"])
            guard try identifier.string("value")?.uppercased() == memberID.uppercased() else {
                throw identifier.failure("Hearth keeps the member ID as the coverage's identifier; send it as subscriberId too.", at: "value")
            }
        }
        let plan = try Self.plan(node)
        let period = try node.object("period")
        try period?.allowOnly(["start", "end"])
        let order: String
        if let number = node.child("order") {
            guard case .number(let value) = number.value else { throw number.failure("Send the billing order as 1, 2 or 3.") }
            order = "\(Int(value))"
        } else {
            order = "1"
        }
        draft = CoverageDraft(payer: payer, program: "", memberID: memberID, plan: plan, order: order,
                              start: String((try period?.string("start") ?? "").prefix(10)), end: String((try period?.string("end") ?? "").prefix(10)))
        self.order = node.child("order") == nil ? nil : draft.order
        program = try Self.program(node) ?? .inferred(fromPayer: payer)
        draft.program = program
        let problems = draft.problems
        guard problems.isEmpty else {
            let paths = ["payer": "Coverage.payor[0].display", "memberID": "Coverage.subscriberId", "order": "Coverage.order",
                         "start": "Coverage.period.start", "end": "Coverage.period.end", "program": "Coverage.type"]
            throw FHIRWriteError(status: .unprocessableEntity, issues: problems.sorted { $0.key < $1.key }.map {
                FHIRIssue(code: "invalid", diagnostics: $0.value, expression: [paths[$0.key] ?? "Coverage"])
            })
        }
    }

    /// The plan's name: one `class` of type `coverage-class#plan`.
    private static func plan(_ node: FHIRNode) throws -> String {
        let plans = try node.array("class")
        if plans.count > 1 { throw plans[1].failure("Hearth keeps one plan per coverage.") }
        guard let item = plans.first else { return "" }
        try item.allowOnly(["type", "value", "name"])
        guard let type = try item.object("type"), try FHIRConcept.concept(type).coding?.contains(where: { $0.system == planClass && $0.code == "plan" }) == true else {
            throw item.failure("Hearth keeps the plan: class.type \(planClass)#plan.", at: "type")
        }
        return try item.string("name") ?? item.string("value") ?? ""
    }

    /// The program a Source of Payment Typology code names: 11x Medicare Advantage, 1 and 12x traditional Medicare,
    /// 2x Medicaid, 5x–7x commercial, the rest other. Without a type the payer's name decides, as for the chart's older rows.
    private static func program(_ node: FHIRNode) throws -> PayerProgram? {
        guard let type = try node.object("type") else { return nil }
        let concept = try FHIRConcept.concept(type)
        guard let code = concept.coding?.first(where: { $0.system == sopt })?.code, let first = code.first else {
            throw type.failure("Code the kind of payer in the Source of Payment Typology (\(sopt)), e.g. 1 Medicare, 2 Medicaid, 5 private insurance.",
                               at: "coding", code: "code-invalid")
        }
        if code.hasPrefix("11") { return .medicareAdvantage }
        switch first {
        case "1": return .medicare
        case "2": return .medicaid
        case "5", "6", "7": return .commercial
        default: return .other
        }
    }

    /// What a read gives back in `type`.
    static func typeCode(_ program: PayerProgram) -> (code: String, display: String) {
        switch program {
        case .medicare: ("12", "Medicare (Non-managed Care)")
        case .medicareAdvantage: ("11", "Medicare (Managed Care)")
        case .medicaid: ("2", "MEDICAID")
        case .commercial: ("5", "PRIVATE HEALTH INSURANCE")
        case .other: ("9", "MISCELLANEOUS/OTHER")
        }
    }
}

extension FHIRController {
    /// `POST /fhir/Coverage`: a payer for a patient the caller may change.
    func createCoverage(req: Request) async throws -> Response {
        try await writing(req) { context in try await postCoverage(try FHIRNode.body(req, type: "Coverage"), context) }
    }

    /// `PUT /fhir/Coverage/{id}`, or `PUT /fhir/Coverage?identifier=<member ID>`.
    func updateCoverage(req: Request) async throws -> Response {
        let url = req.parameters.get("id").map { "Coverage/" + $0 } ?? "Coverage?" + (req.url.query ?? "")
        return try await writing(req) { context in try await putCoverage(try FHIRNode.body(req, type: "Coverage"), url: url, context) }
    }

    /// Hearth keeps one coverage per payer and member ID: the same one sent again answers the one on file (200).
    /// `payerName`: the payer's name when the caller resolved the payor itself (a referral's own Organization entry).
    func postCoverage(_ node: FHIRNode, _ context: FHIRWriteContext, payerName: String? = nil) async throws -> Response {
        let resolved: String?
        if let payerName { resolved = payerName } else { resolved = try await context.payerName(node) }
        let write = try CoverageWrite(node, payerName: resolved)
        let patient = try await context.patient(write.beneficiary.text, at: write.beneficiary.path, for: .recordReferral)
        let patientID = try patient.requireID()
        let held: [Coverage]
        if let known = context.memo.coverages(of: patientID) { held = known } else { held = try await Coverage.query(on: context.db).filter(\.$patient.$id == patientID).all() }
        if let same = held.first(where: { $0.memberID == write.draft.memberID && $0.payer.lowercased() == write.draft.payer.lowercased() }) {
            return try await written(FHIRCoverage(same), type: "Coverage", id: same.requireID(), patientID: patientID, status: .ok, context)
        }
        let taken = Set(held.map(\.order))
        guard let order = write.order ?? CoverageDraft.Order.allCases.first(where: { !taken.contains($0.rawValue) }) else {
            throw node.failure("The patient already has three payers; end one in the chart first.", at: "order")
        }
        let coverage = try await CoverageController.record(write.draft, order: order, program: write.program, into: Coverage(), patientID: patientID,
                                                           by: try context.user.id, clock: context.req.application.regulatoryClock, now: context.req.now,
                                                           on: context.db, audit: context.audit, detail: "FHIR",
                                                           payerOrganizationID: try await context.memo.payer(write.draft.payer, on: context.db),
                                                           refreshingEpisodes: !context.memo.isNew(patientID), keeping: context.memo.isNew(patientID))
        context.memo.added(coverage)
        return try await written(FHIRCoverage(coverage), type: "Coverage", id: coverage.requireID(), patientID: patientID, status: .created, context)
    }

    /// Replaces a coverage's payer, member ID, plan, order and period; by member ID, one that matches nothing is created.
    func putCoverage(_ node: FHIRNode, url: String, _ context: FHIRWriteContext) async throws -> Response {
        let coverage: Coverage
        if url.hasPrefix("Coverage?") {
            let criterion = try FHIRPatientStore.identifierCriterion(String(url.dropFirst("Coverage?".count)), at: "Coverage?")
            let matches = try await Coverage.query(on: context.db).filter(\.$memberID == criterion.value.uppercased()).all()
            guard matches.count <= 1 else { throw FHIRWriteError(.preconditionFailed, "The member ID matches more than one coverage; update by id.", code: "multiple-matches") }
            guard let match = matches.first else { return try await postCoverage(node, context) }
            coverage = match
        } else {
            guard let id = UUID(uuidString: String(url.dropFirst("Coverage/".count))), let found = try await Coverage.find(id, on: context.db) else {
                throw FHIRWriteError(.notFound, "No coverage has this id; Hearth assigns ids, so create with POST.", code: "not-found")
            }
            coverage = found
        }
        let write = try CoverageWrite(node, payerName: try await context.payerName(node))
        let patient = try await context.patient(write.beneficiary.text, at: write.beneficiary.path, for: .recordReferral)
        guard try patient.requireID() == coverage.$patient.id else {
            throw node.failure("A coverage stays with its patient; send a new Coverage for another patient.", at: "beneficiary")
        }
        guard write.id == nil || write.id?.lowercased() == coverage.id?.uuidString.lowercased() else {
            throw FHIRWriteError(.badRequest, "The id in the body must be the id of the coverage updated.", at: "Coverage.id")
        }
        try requireVersion(try FHIRJSON(encoding: FHIRCoverage(coverage)), context)
        let order = write.order ?? CoverageDraft.Order(rawValue: coverage.order) ?? .primary
        _ = try await CoverageController.record(write.draft, order: order, program: write.program, into: coverage, patientID: coverage.$patient.id,
                                                by: try context.user.id, clock: context.req.application.regulatoryClock, now: context.req.now,
                                                on: context.db, audit: context.audit, detail: "FHIR",
                                                payerOrganizationID: try await context.memo.payer(write.draft.payer, on: context.db),
                                                refreshingEpisodes: !context.memo.isNew(coverage.$patient.id))
        return try await written(FHIRCoverage(coverage), type: "Coverage", id: coverage.requireID(), patientID: coverage.$patient.id, status: .ok, context,
                                 updated: true)
    }
}

extension FHIRWriteContext {
    /// The name of the Organization a Coverage's payor refers to, if it refers to one.
    func payerName(_ coverage: FHIRNode) async throws -> String? {
        guard let reference = try CoverageWrite.payorReference(coverage) else { return nil }
        return try await organizationName(reference.text, at: reference.path)
    }

    /// The name of the Organization a reference names (`Organization/<id>` or an earlier entry's `urn:uuid:`).
    func organizationName(_ reference: String, at path: String) async throws -> String? {
        let resolved = created[reference] ?? reference
        guard resolved.hasPrefix("Organization/"), let id = UUID(uuidString: String(resolved.dropFirst("Organization/".count))),
              let name = try await memo.organizationName(id, on: db) else {
            throw FHIRWriteError(.unprocessableEntity, "No organization has this id; send the payer's name as display, or create the Organization first.", at: path, code: "not-found")
        }
        return name
    }
}
