import Fluent
import Foundation
import HearthCore
import Vapor

/// FHIR R4 CarePlan, Goal, ServiceRequest (physician orders) and Task (the signature request of each order).
struct FHIRReference: Codable { var reference: String; var display: String? }
struct FHIRText: Codable { var text: String }

struct FHIRCarePlan: Content, PatientScopedResource {
    static let resourceType = "CarePlan"
    struct Meta: Codable { var versionId: String }
    struct Period: Codable { var start: String; var end: String }
    struct Activity: Codable {
        struct Detail: Codable {
            var kind = "ServiceRequest"
            var code: FHIRText
            var status = "in-progress"
            var scheduledString: String
            var description: String
        }
        var detail: Detail
    }
    struct Note: Codable { var text: String }

    var resourceType = Self.resourceType
    var id: String
    var meta: Meta
    var status: String
    var intent = "plan"
    var title = "Home health plan of care"
    var subject: FHIRReference
    var period: Period?
    var goal: [FHIRReference]
    var activity: [Activity]
    var note: [Note]?

    init(record: CarePlanRecord, content: CarePlanContent, period: CertificationPeriod?, open: Bool) throws {
        let planID = try record.requireID().uuidString.lowercased()
        id = planID
        meta = Meta(versionId: String(record.currentVersion))
        status = open ? "active" : "completed"
        subject = FHIRReference(reference: "Patient/\(record.$patient.id.uuidString.lowercased())")
        self.period = period.map { Period(start: $0.start.description, end: $0.end.description) }
        goal = content.goals.map { FHIRReference(reference: "Goal/\(FHIRGoal.id(plan: planID, goal: $0.id))", display: $0.what) }
        activity = content.interventions.map { item in
            Activity(detail: .init(code: FHIRText(text: item.discipline.title), scheduledString: item.frequency.description,
                                   description: item.action + (item.prnTrigger.map { " (PRN for: \($0))" } ?? "")))
        }
        let input = PlanOfCareDocument.patientInput(content.patientInput).filter { $0 != "none recorded" }
        note = input.isEmpty ? nil : input.map { Note(text: $0) }
    }
}

struct FHIRGoal: Content, PatientScopedResource {
    static let resourceType = "Goal"
    struct Target: Codable { var detailString: String; var dueDate: String }
    struct Concept: Codable { struct Coding: Codable { var system: String; var code: String }; var coding: [Coding] }

    var resourceType = Self.resourceType
    var id: String
    var lifecycleStatus: String
    var achievementStatus: Concept?
    var description: FHIRText
    var subject: FHIRReference
    var target: [Target]
    var statusReason: String?

    /// A goal's id: its plan's id and its own, which stays the same across versions.
    static func id(plan: String, goal: String) -> String { "\(plan).\(goal)" }

    init(_ goal: CarePlanGoal, planID: String, patientID: UUID) {
        id = Self.id(plan: planID, goal: goal.id)
        switch goal.status {
        case .active, .revised: lifecycleStatus = "active"
        case .met, .notMet: lifecycleStatus = "completed"
        case .discontinued: lifecycleStatus = "cancelled"
        }
        let achievement: String? = switch goal.status {
        case .met: "achieved"
        case .notMet: "not-achieved"
        case .active, .revised: "in-progress"
        case .discontinued: nil
        }
        achievementStatus = achievement.map { Concept(coding: [.init(system: "http://terminology.hl7.org/CodeSystem/goal-achievement", code: $0)]) }
        description = FHIRText(text: goal.what)
        subject = FHIRReference(reference: "Patient/\(patientID.uuidString.lowercased())")
        target = [Target(detailString: goal.measure, dueDate: goal.targetDate.description)]
        statusReason = goal.statusReason
    }
}

struct FHIRServiceRequest: Content, PatientScopedResource {
    static let resourceType = "ServiceRequest"
    struct Note: Codable { var text: String }

    var resourceType = Self.resourceType
    var id: String
    var status: String
    var intent = "order"
    var code: FHIRText
    var subject: FHIRReference
    var requester: FHIRReference
    var authoredOn: String?
    var note: [Note]

    init(_ record: PhysicianOrderRecord, order: PhysicianOrder) throws {
        id = try record.requireID().uuidString.lowercased()
        // A signed order is in force; a verbal order is in force from when it was taken; others await the physician.
        status = switch order.state {
        case .signed: "active"
        case .rejected, .withdrawn: "revoked"
        default: order.kind == .verbal ? "active" : "draft"
        }
        code = FHIRText(text: order.kind.title)
        subject = FHIRReference(reference: "Patient/\(record.$patient.id.uuidString.lowercased())")
        requester = FHIRReference(reference: "Practitioner/\(record.$physician.id.uuidString.lowercased())", display: order.physician.name)
        authoredOn = order.sentAt?.fhirInstant
        note = [Note(text: order.document)]
    }
}

struct FHIRTask: Content, PatientScopedResource {
    static let resourceType = "Task"
    var resourceType = Self.resourceType
    var id: String
    var status: String
    var intent = "order"
    var code: FHIRText
    var description: String
    var focus: FHIRReference
    var `for`: FHIRReference
    var owner: FHIRReference
    var authoredOn: String?
    var lastModified: String?

    /// The request that the physician sign one order; it shares the order's id.
    init(_ record: PhysicianOrderRecord, order: PhysicianOrder) throws {
        id = try record.requireID().uuidString.lowercased()
        status = switch order.state {
        case .draft, .received: "draft"
        case .sent: "requested"
        case .signed: "completed"
        case .rejected: "rejected"
        case .withdrawn: "cancelled"
        }
        code = FHIRText(text: "Sign \(order.kind.title.lowercased())")
        description = record.summary
        focus = FHIRReference(reference: "ServiceRequest/\(id)")
        self.for = FHIRReference(reference: "Patient/\(record.$patient.id.uuidString.lowercased())")
        owner = FHIRReference(reference: "Practitioner/\(record.$physician.id.uuidString.lowercased())", display: order.physician.name)
        authoredOn = order.sentAt?.fhirInstant
        lastModified = (order.signature?.signedAt ?? order.rejections.last?.at ?? order.sentAt)?.fhirInstant
    }
}

extension FHIRController {
    /// The patient's care plans (one per episode) with the content in force: the version the physician signed, or before
    /// any signature the latest; a draft saved after a signature is not what care follows, so it is not shared.
    func carePlans(of patient: Patient, on req: Request) async throws -> [(CarePlanRecord, CarePlanContent, CertificationPeriod?, Bool)] {
        let records = try await CarePlanRecord.query(on: req.db).filter(\.$patient.$id == patient.requireID()).with(\.$episode)
            .sort(\.$createdAt, .descending).sort(\.$id).all()
        let today = req.agencyToday
        var plans: [(CarePlanRecord, CarePlanContent, CertificationPeriod?, Bool)] = []
        for record in records {
            let episode = try EpisodeStore.episode(from: try await EpisodeStore.events(of: record.episode, on: req.db))
            let plan = try await CarePlanStore.load(episode: record.episode, domain: episode, today: today, on: req.db)
            guard plan.current != nil else { continue }
            plans.append((record, plan.inForce, CarePlanStore.period(of: episode, today: today), episode.status.isOpen))
        }
        return plans
    }

    func searchCarePlans(req: Request) async throws -> Response {
        try await searchByPatient(FHIRCarePlan.self, audit: "careplan.search", req: req) { patient in
            try await carePlans(of: patient, on: req).map { try FHIRCarePlan(record: $0.0, content: $0.1, period: $0.2, open: $0.3) }
        }
    }

    func readCarePlan(req: Request) async throws -> Response {
        guard let id = req.parameters.get("id", as: UUID.self), let record = try await CarePlanRecord.find(id, on: req.db) else { throw AppError.notFound() }
        let patient = try await PatientAccess.authorize(.read, patientID: record.$patient.id, on: req)
        guard let plan = try await carePlans(of: patient, on: req).first(where: { $0.0.id == id }) else { throw AppError.notFound() }
        try await req.auditRead("careplan.read", patientID: patient.id, resourceType: "CarePlan", resourceID: id.uuidString, detail: "FHIR")
        return try req.fhirRead(try FHIRCarePlan(record: plan.0, content: plan.1, period: plan.2, open: plan.3))
    }

    func searchGoals(req: Request) async throws -> Response {
        try await searchPatientRecord("Goal", audit: "careplan.goal.search", req: req) { try await patientRecords("Goal", of: $0, req: req) }
    }

    func readGoal(req: Request) async throws -> Response {
        let parts = (req.parameters.get("id") ?? "").split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2, let planID = UUID(uuidString: parts[0]), let record = try await CarePlanRecord.find(planID, on: req.db) else { throw AppError.notFound() }
        let patient = try await PatientAccess.authorize(.read, patientID: record.$patient.id, on: req)
        guard let plan = try await carePlans(of: patient, on: req).first(where: { $0.0.id == planID }),
              let goal = plan.1.goal(parts[1]) else { throw AppError.notFound() }
        try await req.auditRead("careplan.goal.read", patientID: patient.id, resourceType: "Goal", resourceID: parts.joined(separator: "."), detail: "FHIR")
        return try req.fhirRead(FHIRGoal(goal, planID: parts[0].lowercased(), patientID: record.$patient.id), lastUpdated: plan.0.updatedAt)
    }

    func orders(of patient: Patient, on db: any Database) async throws -> [(PhysicianOrderRecord, PhysicianOrder)] {
        try await PhysicianOrderRecord.query(on: db).filter(\.$patient.$id == patient.requireID()).sort(\.$createdAt, .descending).sort(\.$id)
            .all().map { ($0, try OrderStore.decode($0)) }
    }

    /// Physician orders, then referrals to community services and providers.
    func searchServiceRequests(req: Request) async throws -> Response {
        try await searchPatientRecord("ServiceRequest", audit: "order.search", req: req) { try await patientRecords("ServiceRequest", of: $0, req: req) }
    }

    /// Orders' signature requests, then referrals' loops.
    /// A search naming no patient but a `requester` or `_id` is a referral's sender following its Tasks.
    func searchTasks(req: Request) async throws -> Response {
        let search = try FHIRSearchRequest("Task", req)
        if !search.namesPatient, search.criterion("requester") != nil || search.criterion("_id") != nil {
            return try await searchInboundTasks(search, req: req)
        }
        return try await searchPatientRecord("Task", audit: "order.task.search", req: req) { try await patientRecords("Task", of: $0, req: req) }
    }

    func readServiceRequest(req: Request) async throws -> Response {
        let (record, order) = try await readOrder(req, type: "ServiceRequest")
        return try req.fhirRead(try FHIRServiceRequest(record, order: order), lastUpdated: record.updatedAt)
    }

    func readTask(req: Request) async throws -> Response {
        let (record, order) = try await readOrder(req, type: "Task")
        return try req.fhirRead(try FHIRTask(record, order: order), lastUpdated: record.updatedAt)
    }

    private func readOrder(_ req: Request, type: String) async throws -> (PhysicianOrderRecord, PhysicianOrder) {
        guard let id = req.parameters.get("id", as: UUID.self), let record = try await PhysicianOrderRecord.find(id, on: req.db) else { throw AppError.notFound() }
        let patient = try await PatientAccess.authorize(.read, patientID: record.$patient.id, on: req)
        try await req.auditRead("order.read", patientID: patient.id, resourceType: type, resourceID: id.uuidString, detail: "FHIR")
        return (record, try OrderStore.decode(record))
    }
}
