import Crypto
import Fluent
import Foundation
import HearthCore
import SQLKit
import Vapor

/// FHIR R4 Task for a referral a hospital sent: the agency's answer, which the sender polls
/// (`requested → accepted | rejected → in-progress → completed`, following the episode it opened).
struct FHIRInboundTask: Content {
    struct Identifier: Content { var system: String?; var value: String }
    struct PatientReference: Content { var identifier: Identifier?; var display: String? }
    var resourceType = "Task"
    var id: String
    var status: String
    var statusReason: FHIRCoord.Concept?
    var businessStatus: FHIRCoord.Concept
    var intent = "order"
    var code = FHIRCoord.Concept(coding: [.init(system: "http://hl7.org/fhir/CodeSystem/task-code", code: "fulfill", display: "Fulfill the focal request")],
                                 text: nil)
    var description = "Home health referral"
    var `for`: PatientReference?
    var authoredOn: String
    var lastModified: String
    var requester: FHIRCoord.Reference
    var owner: FHIRCoord.Reference
    /// When the agency began carrying the referral out: `start` is the day of its first completed visit.
    var executionPeriod: FHIRCoord.Period?

    static func id(_ referral: InboundReferral) throws -> String { "inbound-" + (try referral.requireID().uuidString.lowercased()) }

    init(_ referral: InboundReferral, episode: EpisodeStatus?, agency: String, firstVisit: String? = nil) throws {
        id = try Self.id(referral)
        status = Self.status(referral, episode: episode)
        businessStatus = FHIRCoord.text(Self.business[status] ?? status)
        statusReason = (status == "cancelled" ? referral.withdrawalReason : referral.reason).map(FHIRCoord.text)
        // The hospital's own identifier for the patient, never Hearth's MRN or any other patient's data.
        `for` = (try? InboundReferral.patientIdentifier(referral.bundleJSON)).flatMap { $0 }.map { PatientReference(identifier: $0) }
        authoredOn = referral.receivedAt.fhirInstant
        lastModified = (referral.withdrawnAt ?? referral.decidedAt ?? referral.receivedAt).fhirInstant
        requester = FHIRCoord.Reference(reference: "Practitioner/\(referral.$sender.id.uuidString.lowercased())", display: referral.senderName)
        owner = FHIRCoord.Reference(reference: nil, display: agency)
        executionPeriod = firstVisit.map { FHIRCoord.Period(start: $0) }
    }

    /// The day of the first completed visit of each episode, by episode: what the sender reads as the first visit.
    static func firstVisits(episodes: [UUID], on db: any Database) async throws -> [UUID: String] {
        guard !episodes.isEmpty else { return [:] }
        // One grouped query (MIN per episode), not every completed visit read to keep the first.
        struct Row: Decodable { var episode_id: UUID; var first: String }
        let rows = try await db.sql.select().column("episode_id").column(SQLFunction("MIN", args: SQLColumn("scheduled_on")), as: "first")
            .from(VisitRecord.schema).where("episode_id", .in, episodes).where("status", .equal, VisitStatus.completed.rawValue)
            .groupBy("episode_id").all(decoding: Row.self)
        return Dictionary(rows.map { ($0.episode_id, $0.first) }) { first, _ in first }
    }

    static let business = ["requested": "Waiting for the agency's intake", "accepted": "Accepted: start of care is being scheduled",
                           "rejected": "Declined by the agency", "in-progress": "Admitted: care under way", "completed": "Discharged from home health",
                           "cancelled": "Withdrawn by the hospital"]

    /// Accepted referrals follow the episode they opened: admitted is in progress, discharged is completed.
    static func status(_ referral: InboundReferral, episode: EpisodeStatus?) -> String {
        if referral.status == InboundReferral.Status.withdrawn.rawValue { return "cancelled" }
        guard referral.status == InboundReferral.Status.accepted.rawValue else { return referral.status }
        return switch episode {
        case .active, .transferred: "in-progress"
        case .discharged: "completed"
        case .notAdmitted: "rejected"
        case .referred, nil: "accepted"
        }
    }
}

extension FHIRBundleResult {
    /// An entry kept for a person's review rather than written.
    init(held fullUrl: String?, outcome: FHIROutcome) {
        self.fullUrl = fullUrl
        resource = nil
        response = Response(status: "202 Accepted", location: nil, outcome: outcome)
    }
}

extension InboundReferral {
    /// The first identifier the Bundle's Patient carries (the hospital's MRN), for the Task's `for`.
    static func patientIdentifier(_ json: String) throws -> FHIRInboundTask.Identifier? {
        let bundle = try JSONDecoder().decode(JSONValue.self, from: Data(json.utf8))
        let entries = FHIRNode(value: bundle, path: "Bundle")
        for entry in try entries.array("entry") {
            guard let resource = try entry.object("resource"), try resource.string("resourceType") == "Patient",
                  let first = try resource.array("identifier").first, let value = try first.string("value") else { continue }
            return FHIRInboundTask.Identifier(system: try first.string("system"), value: value)
        }
        return nil
    }
}

extension FHIRController {
    /// A transaction holding a Task is a referral to the agency: checked whole, then kept as sent in the intake
    /// inbox (nothing joins a chart until intake accepts it). The same Bundle sent again answers the referral on file.
    func receiveReferral(_ entries: [FHIRBundleEntry], req: Request) async throws -> Response {
        let user = try req.currentUser
        if case .forbidden(let reason) = AccessPolicy.decide(role: user.role, action: .sendReferral) {
            var error = FHIRWriteError(.forbidden, reason, at: "Bundle", code: "forbidden")
            error.denials = [.init(action: "agency.sendReferral", patientID: nil, detail: reason)]
            throw error
        }
        let contents = try InboundReferralContents(entries, today: req.agencyToday)
        let json = req.body.string ?? ""
        // The same Bundle however its keys are ordered: a client's retry need not serialize it byte for byte alike.
        let digest = InboundReferral.digest(json)
        if let known = try await InboundReferral.query(on: req.db).filter(\.$sender.$id == user.id).filter(\.$bundleDigest == digest).first() {
            try await req.audit("referral.inbound.read", resourceType: "Task", resourceID: known.id?.uuidString, detail: "FHIR, the same Bundle again")
            return try await referralReceipt(known, entries, status: .ok, req: req)
        }
        let referral = InboundReferral.received(contents, json: json, digest: digest, senderID: user.id, senderName: user.displayName, now: req.now)
        try await req.auditedWrite { db, audit in
            try await referral.create(on: db)
            try await audit("referral.inbound.create", resourceType: "Task", resourceID: referral.id?.uuidString,
                                detail: "FHIR, \(entries.count) entries")
        }
        return try await referralReceipt(referral, entries, status: .created, req: req)
    }

    /// The transaction-response: the Task is created (its Location is what the sender polls); every other entry is
    /// held for intake's review (202) and joins the chart when the referral is accepted.
    private func referralReceipt(_ referral: InboundReferral, _ entries: [FHIRBundleEntry], status: HTTPResponseStatus, req: Request) async throws -> Response {
        let task = try FHIRInboundTask(referral, episode: nil, agency: req.application.settings.agencyName)
        let location = "Task/\(task.id)"
        let results = try entries.map { entry -> FHIRBundleResult in
            if entry.resourceType == "Task" {
                let answer = try Response.fhir(task, status: status)
                answer.headers.replaceOrAdd(name: .location, value: FHIRAddress(req).url(.resource(.Task, task.id)))
                return FHIRBundleResult(answer, base: FHIRAddress(req))
            }
            let held = FHIROutcome(issue: [FHIRIssue(severity: "information", code: "informational",
                                                     diagnostics: "Held in the agency's intake inbox with \(location); it joins the chart if the referral is accepted.",
                                                     expression: [entry.path])])
            return FHIRBundleResult(held: entry.fullUrl, outcome: held)
        }
        return try .fhir(FHIRBundleResponse(type: "transaction-response", entry: results))
    }

    /// `GET /fhir/Task/inbound-<id>`: the sender follows its referral; the agency's intake sees every one. Anyone else
    /// hears that no such Task exists.
    func readInboundTask(_ raw: String, req: Request) async throws -> Response {
        let user = try req.currentUser
        guard let id = UUID(uuidString: String(raw.dropFirst("inbound-".count))),
              let referral = try await InboundReferral.query(on: req.db).filter(\.$id == id).with(\.$episode).first(),
              referral.$sender.id == user.id || AccessPolicy.decide(role: user.role, action: .registerPatient).isAllowed else {
            try await req.audit("referral.inbound.read", outcome: .denied, resourceType: "Task", resourceID: raw, detail: "FHIR, not the sender")
            throw AppError.notFound()
        }
        try await req.auditRead("referral.inbound.read", patientID: referral.$patient.id, resourceType: "Task", resourceID: id.uuidString, detail: "FHIR")
        let episode = referral.episode.flatMap { EpisodeStatus(rawValue: $0.status) }
        let firstVisit = try await FHIRInboundTask.firstVisits(episodes: [referral.$episode.id].compactMap { $0 }, on: req.db).values.first
        return try req.fhirRead(FHIRInboundTask(referral, episode: episode, agency: req.application.settings.agencyName, firstVisit: firstVisit),
                                lastUpdated: referral.updatedAt)
    }

    /// `GET /fhir/Task?requester=Practitioner/<me>` or `?_id=inbound-<id>`: the referrals the caller sent (all of them,
    /// for the agency's intake), filtered by the search's criteria; anyone else finds none.
    func searchInboundTasks(_ search: FHIRSearchRequest, req: Request) async throws -> Response {
        let user = try req.currentUser
        let query = InboundReferral.query(on: req.db).with(\.$episode).sort(\.$receivedAt, .descending)
        if !AccessPolicy.decide(role: user.role, action: .registerPatient).isAllowed { query.filter(\.$sender.$id == user.id) }
        let agency = req.application.settings.agencyName
        let referrals = try await query.all()
        let firstVisits = try await FHIRInboundTask.firstVisits(episodes: referrals.compactMap { $0.$episode.id }, on: req.db)
        let tasks = try referrals.map { referral in
            try FHIRServed(FHIRInboundTask(referral, episode: referral.episode.flatMap { EpisodeStatus(rawValue: $0.status) }, agency: agency,
                                           firstVisit: referral.$episode.id.flatMap { firstVisits[$0] }),
                           lastUpdated: referral.decidedAt ?? referral.receivedAt)
        }
        let (response, page, _) = try await search.answer(tasks, req: req)
        try await req.audit("referral.inbound.search", resourceType: "Task", detail: "FHIR, \(page.count) referrals")
        return response
    }
}
