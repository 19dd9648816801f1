import Fluent
import Foundation
import HearthCore
import Vapor

/// The education tab: what has been taught, to whom, and the teach-back result; topics that need reinforcement first.
struct TeachingController {
    struct Form: Content {
        var topicID: String?; var topic: String?; var learner: String?; var learnerName: String?; var method: String?; var result: String?
        var materialGiven: String?; var note: String?; var taughtOn: String?
    }

    /// `GET /patients/:id/teaching`.
    func show(req: Request) async throws -> HTML {
        let patient = try await req.patient(.read)
        try await req.auditRead("teaching.read", patientID: patient.id, resourceType: "Procedure")
        return try await page(patient, form: nil, problems: [:], req).html
    }

    /// `POST /patients/:id/teaching`: a topic from the library (or any topic typed in), the learner and the teach-back.
    func record(req: Request) async throws -> Response {
        let patient = try await req.patient(.document)
        let form = try req.content.decode(Form.self)
        let library = req.application.teachingTopics
        let today = req.agencyToday
        let chosen = library.topic(form.topicID ?? "")
        let draft = chosen.map {
            TeachingDraft(topic: $0, learner: form.learner ?? "", method: form.method ?? "", result: form.result ?? "",
                          materialGiven: form.materialGiven ?? "", note: form.note ?? "")
        } ?? TeachingDraft(topic: form.topic ?? "", learner: form.learner ?? "", method: form.method ?? "", result: form.result ?? "",
                           materialGiven: form.materialGiven ?? "", note: form.note ?? "")
        var problems = draft.problems
        if let message = problems.removeValue(forKey: "topic") { problems["topicID"] = message }
        if (form.topicID ?? "").isEmpty == false && chosen == nil { problems["topicID"] = "Choose a topic from the list, or type one." }
        let taughtOn = (form.taughtOn ?? "").isEmpty ? today : CalendarDate(form.taughtOn ?? "")
        if taughtOn.map({ $0 > today }) ?? true { problems["taughtOn"] = "Give the day it was taught: today or earlier." }
        if let learner = Learner(rawValue: form.learner ?? ""), learner != .patient, (form.learnerName ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            problems["learnerName"] = "Name the \(learner.title.lowercased()) who was taught."
        }
        guard problems.isEmpty, let teaching = draft.teaching(), let taughtOn else {
            return try await page(patient, form: form, problems: problems, req).html
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
        let row = TeachingStore.row(teaching, learnerName: form.learnerName, on: taughtOn, patientID: try patient.requireID(), by: try req.currentUser.id)
        try await req.auditedWrite { db, audit in
            try await row.create(on: db)
            try await audit("teaching.record", patientID: patient.id, resourceType: "Procedure", resourceID: row.id?.uuidString)
        }
        await req.syncWorklist(patientID: patient.id)
        return req.redirect(to: SiteURL.patient(try patient.requireID(), .teaching).path + "#teaching-progress")
    }

    private func page(_ patient: Patient, form: Form?, problems: [String: String], _ req: Request) async throws -> TeachingPage {
        let patientID = try patient.requireID()
        let library = req.application.teachingTopics
        let rows = try await TeachingStore.rows(patientIDs: [patientID], on: req.db)
        let progress = TeachingStore.progress(rows, library: library)
        let today = req.agencyToday
        let f = form ?? Form(learner: Learner.patient.rawValue, method: TeachingMethod.explanation.rawValue, taughtOn: today.description)
        let topics = library.categories.flatMap { category in
            library.topics(in: category.id).map { (value: $0.id, label: "\(category.title): \($0.title)") }
        }
        return TeachingPage(
            shell: PageShell(request: req, title: "Teaching: \(patient.listName)"),
            name: patient.displayName, chartHref: SiteURL.patient(patientID).path + "#education", headline: progress.headline,
            canDocument: try await PatientAccess.may(.document, patient, req),
            lines: progress.lines.map { line in
                .init(title: line.title, result: line.latestResult.title, needsReinforcement: line.needsReinforcement,
                      detail: "\(line.latestLearner.title), last taught \(line.lastTaughtOn); \(line.sessions) session\(line.sessions == 1 ? "" : "s")"
                          + (line.understoodBy.isEmpty ? "" : "; understood by " + line.understoodBy.map(\.title).sorted().joined(separator: ", ").lowercased()),
                      note: line.latestNote, keyPoints: line.topic?.keyPoints ?? [])
            },
            history: rows.reversed().map { row in
                .init(day: row.taughtOn, topic: row.topic, learner: TeachingStore.learner(row),
                      method: TeachingMethod(rawValue: row.method)?.title ?? row.method, result: TeachBackResult(rawValue: row.result)?.title ?? row.result,
                      material: row.material, note: row.note)
            },
            form: PageForm(action: SiteURL.patient(patientID, .teaching).path, fields: [
                .select("topicID", "Topic from the library", f.topicID, topics, problems, prefix: "t-"),
                .text("topic", "Or another topic", f.topic, problems, prefix: "t-", hint: "e.g. how to use the new walker"),
                .select("learner", "Learner", f.learner, Learner.allCases.map { ($0.rawValue, $0.title) }, problems, prefix: "t-"),
                .text("learnerName", "Learner's name", f.learnerName, problems, prefix: "t-", hint: "For a caregiver or family member"),
                .select("method", "Method", f.method, TeachingMethod.allCases.map { ($0.rawValue, $0.title) }, problems, prefix: "t-"),
                .select("result", "Teach-back", f.result, TeachBackResult.allCases.map { ($0.rawValue, $0.title) }, problems, prefix: "t-"),
                .text("materialGiven", "Material given", f.materialGiven, problems, prefix: "t-", hint: "Left blank with written material: the topic's handout"),
                .text("taughtOn", "Taught on", f.taughtOn, problems, prefix: "t-", type: "date"),
                .text("note", "Note", f.note, problems, prefix: "t-", hint: "What to go over again, and why", wide: true),
            ], error: PageForm.refusal(problems)))
    }
}

struct TeachingPage: Encodable, Sendable {
    struct Line: Encodable, Sendable {
        var title: String
        var result: String
        var needsReinforcement: Bool
        var detail: String
        var note: String?
        var keyPoints: [String]
    }

    struct Session: Encodable, Sendable {
        var day: String
        var topic: String
        var learner: String
        var method: String
        var result: String
        var material: String?
        var note: String?
    }

    var shell: PageShell
    var name: String
    var chartHref: String
    var headline: String
    var canDocument: Bool
    var lines: [Line]
    var history: [Session]
    var form: PageForm
}
