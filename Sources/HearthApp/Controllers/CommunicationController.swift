import Fluent
import Foundation
import HearthCore
import Vapor

/// The communication log on the chart: calls, messages, faxes, meetings and conferences, each able to create a
/// follow-up task on the owner's worklist.
struct CommunicationController {
    struct Form: Content {
        var kind: String?; var direction: String?; var party: String?; var partyName: String?; var subject: String?; var summary: String?
        var date: String?; var time: String?; var followUpTitle: String?; var followUpOwner: String?; var followUpDue: String?; var followUpPriority: String?
    }

    /// `GET /patients/:id/communications`.
    func list(req: Request) async throws -> HTML {
        let patient = try await req.patient(.read)
        try await req.auditRead("communication.list", patientID: patient.id, resourceType: "Communication")
        return try await page(patient, form: nil, problems: [:], req).html
    }

    /// `POST /patients/:id/communications`.
    func add(req: Request) async throws -> Response {
        let patient = try await req.patient(.document)
        let form = try req.content.decode(Form.self)
        let zone = req.application.settings.agencyTimeZone
        let draft = CommunicationDraft(kind: form.kind ?? "", direction: form.direction ?? "", party: form.party ?? "", partyName: form.partyName ?? "",
                                       subject: form.subject ?? "", summary: form.summary ?? "", date: form.date ?? "", time: form.time ?? "",
                                       followUpTitle: form.followUpTitle ?? "", followUpOwner: form.followUpOwner ?? "",
                                       followUpDue: form.followUpDue ?? "", followUpPriority: form.followUpPriority ?? "")
        let user = try req.currentUser
        var owner: User?
        if let id = form.followUpOwner.flatMap(UUID.init(uuidString:)) { owner = try await User.find(id, on: req.db) }
        var ownerWorksHere = false
        if let owner { ownerWorksHere = try await PatientAccess.may(.document, user: owner, on: patient, db: req.db) }
        let entry: CommunicationEntry
        switch draft.entry(id: UUID().uuidString, patientID: try patient.requireID().uuidString, recordedBy: user.displayName, now: req.now, in: zone) {
        case .success where draft.hasFollowUp && owner == nil:
            return try await refuse(patient, form, ["followUpOwner": "Choose who will do the follow-up from the list."], req)
        case .success where draft.hasFollowUp && !ownerWorksHere:
            // The follow-up shows the patient's name on its owner's lists: only someone who works with the patient may hold it.
            return try await refuse(patient, form, ["followUpOwner": "\(owner?.displayName ?? "That person") does not work with this patient. Choose the case manager or someone on the care team."], req)
        case .success(let made): entry = made
        case .failure(let problems): return try await refuse(patient, form, problems.byField, req)
        }
        let row = CommunicationRecord()
        row.id = UUID(uuidString: entry.id)
        row.$patient.id = try patient.requireID()
        row.kind = entry.kind.rawValue
        row.direction = entry.direction.rawValue
        row.party = entry.party.rawValue
        row.partyName = entry.partyName
        row.subject = entry.subject
        row.summary = entry.summary
        row.occurredAt = entry.occurredAt
        row.$recordedBy.id = user.id
        var task: CareTask?
        if let followUp = entry.followUp, let owner {
            let made = CareTask()
            made.$patient.id = try patient.requireID()
            made.$assignedTo.id = try owner.requireID()
            made.title = followUp.title
            made.detail = "After \(entry.heading): \(entry.subject)"
            made.priority = followUp.priority.rawValue
            made.dueAt = AgencyTime.endOfDay(followUp.due, in: zone)
            made.status = "open"
            made.source = WorklistSource.communicationFollowUp.rawValue
            made.dedupeKey = "communication:\(entry.id.lowercased())"
            task = made
        }
        let followUpTask = task
        try await req.auditedWrite { db, audit in
            if let followUpTask { try await followUpTask.create(on: db); row.$task.id = followUpTask.id }
            try await row.create(on: db)
            try await audit("communication.create", patientID: patient.id, resourceType: "Communication", resourceID: row.id?.uuidString)
        }
        return req.redirect(to: SiteURL.patient(try patient.requireID(), .communications).path)
    }

    private func refuse(_ patient: Patient, _ form: Form, _ problems: [String: String], _ req: Request) async throws -> Response {
        try await page(patient, form: form, problems: problems, req).html
            .encodeResponse(status: .unprocessableEntity, for: req)
    }

    private func page(_ patient: Patient, form: Form?, problems: [String: String], _ req: Request) async throws -> CommunicationsPage {
        let patientID = try patient.requireID()
        let zone = req.application.settings.agencyTimeZone
        let rows = try await CommunicationRecord.query(on: req.db).filter(\.$patient.$id == patientID).with(\.$recordedBy).with(\.$task)
            .sort(\.$occurredAt, .descending).limit(200).all()
        let team = try await CareTeamMember.query(on: req.db).filter(\.$patient.$id == patientID).with(\.$user).all().map(\.user)
        var owners = team.compactMap { user in user.id.map { ($0.uuidString, user.displayName) } }
        if let manager = try await patient.$caseManager.get(on: req.db), let id = manager.id, !owners.contains(where: { $0.0 == id.uuidString }) {
            owners.insert((id.uuidString, manager.displayName + " (case manager)"), at: 0)
        }
        let now = req.now
        let f = form ?? Form(kind: "call", direction: CommunicationDirection.outgoing.rawValue, date: CalendarDate(now, in: zone).description, time: req.agencyClock(now))
        return CommunicationsPage(
            shell: PageShell(request: req, title: "Communications: \(patient.listName)"),
            name: patient.displayName, chartHref: SiteURL.patient(patientID).path + "#communications",
            canDocument: try await PatientAccess.may(.document, patient, req),
            entries: rows.map { row in
                let kind = CommunicationKind(rawValue: row.kind)?.title ?? row.kind
                let party = CommunicationParty(rawValue: row.party)?.title ?? row.party
                return .init(when: "\(CalendarDate(row.occurredAt, in: zone)) \(req.agencyClock(row.occurredAt))",
                             heading: "\(CommunicationDirection(rawValue: row.direction)?.title ?? row.direction) \(kind.lowercased()) with \(party.lowercased()) \(row.partyName)",
                             subject: row.subject, summary: row.summary, by: row.recordedBy?.displayName ?? "",
                             task: row.task.map { "Follow-up: \($0.title) (\($0.status == "done" ? "done" : "due \(CalendarDate($0.dueAt, in: zone))"))" })
            },
            form: PageForm(action: SiteURL.patient(patientID, .communications).path, fields: [
                .select("kind", "What", f.kind, CommunicationKind.allCases.map { ($0.rawValue, $0.title) }, problems, prefix: "c-"),
                .select("direction", "Direction", f.direction, CommunicationDirection.allCases.map { ($0.rawValue, $0.title) }, problems, prefix: "c-"),
                .select("party", "With", f.party, CommunicationParty.allCases.map { ($0.rawValue, $0.title) }, problems, prefix: "c-"),
                .text("partyName", "Name", f.partyName, problems, prefix: "c-", hint: "e.g. Dr. Ruiz, daughter Maria"),
                .text("date", "Date", f.date, problems, prefix: "c-", type: "date"),
                .text("time", "Time", f.time, problems, prefix: "c-", type: "time"),
                .text("subject", "Subject", f.subject, problems, prefix: "c-", wide: true),
                InputField(id: "c-summary", name: "summary", label: "What was said and agreed", type: "textarea", value: f.summary ?? "",
                           error: problems["summary"], wide: true),
                .text("followUpTitle", "Follow-up task (optional)", f.followUpTitle, problems, prefix: "c-", hint: "e.g. Fax the new order to the pharmacy", wide: true),
                .select("followUpOwner", "Who does it", f.followUpOwner, owners.map { (value: $0.0, label: $0.1) }, problems, prefix: "c-"),
                .text("followUpDue", "By", f.followUpDue, problems, prefix: "c-", type: "date"),
                .select("followUpPriority", "Priority", f.followUpPriority ?? "normal", WorklistPriority.allCases.map { ($0.rawValue, $0.rawValue.capitalized) },
                        problems, prefix: "c-"),
            ], error: PageForm.refusal(problems)))
    }
}

struct CommunicationsPage: Encodable, Sendable {
    struct Entry: Encodable, Sendable {
        var when: String
        var heading: String
        var subject: String
        var summary: String
        var by: String
        var task: String?
    }

    var shell: PageShell
    var name: String
    var chartHref: String
    var canDocument: Bool
    var entries: [Entry]
    var form: PageForm
}
