import Fluent
import Foundation
import HearthCore
import Vapor

/// An aide's in-service training on their staff page [42 CFR 484.80(d)]: the supervisor records each session (day, hours,
/// topic); the aide and the supervisor see the hours taken in the current 12-month period against the 12 owed.
extension StaffController {
    struct InServiceForm: Content {
        var date: String?
        var hours: String?
        var topic: String?
    }

    /// `POST /staff/:userID/in-service`.
    func recordInService(req: Request) async throws -> Response {
        let user = try await member(req, writing: true)
        let userID = try user.requireID()
        let discipline = try await StaffProfileRecord.query(on: req.db).filter(\.$user.$id == userID).first()?.discipline
        guard discipline == StaffDiscipline.homeHealthAide.rawValue else {
            throw AppError.invalidInput("In-service hours are recorded for home health aides only: record the discipline as HHA first.")
        }
        let form = try req.content.decode(InServiceForm.self)
        var problems: [String: String] = [:]
        let today = req.agencyToday
        let day = CalendarDate(form.date ?? "")
        if let day, !day.isPlausible { problems["date"] = CalendarDate.implausibleProblem }
        else if day == nil || day! > today { problems["date"] = "Give the day of the training as YYYY-MM-DD, no later than today." }
        let minutes = Self.minutes(form.hours ?? "")
        if minutes == nil { problems["hours"] = "Give the hours as a number from 0.25 to 12, e.g. 1.5 for an hour and a half." }
        let topic = (form.topic ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if topic.isEmpty || topic.count > 200 { problems["topic"] = "Say what the training covered, in up to 200 characters." }
        guard problems.isEmpty, let day, let minutes else {
            return try await page(user, profileForm: nil, profileProblems: [:], credentialForm: nil, credentialProblems: [:],
                                  inServiceForm: form, inServiceProblems: problems, req).html
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
        let row = InServiceTrainingRecord()
        row.$user.id = userID
        row.takenOn = day.description
        row.minutes = minutes
        row.topic = topic
        row.$recordedBy.id = try req.currentUser.id
        try await req.auditedWrite("staff.in_service", resourceType: "Practitioner", resourceID: userID.uuidString,
                                   detail: "\(InServiceTraining.hours(minutes)) on \(day)") { db in
            try await row.create(on: db)
        }
        return req.redirect(to: SiteURL.staffMember(userID).path(anchor: "in-service"))
    }

    /// "1.5" → 90 minutes; a quarter hour to 12 hours, to the minute.
    static func minutes(_ text: String) -> Int? {
        guard let hours = Double(text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ".")),
              hours.isFinite, hours >= 0.25, hours <= 12 else { return nil }
        return Int((hours * 60).rounded())
    }

    /// The aide's in-service card: the current period against the rule, the sessions of the last two periods, the form.
    func inServiceSection(_ user: User, form: InServiceForm?, problems: [String: String], canWrite: Bool, req: Request) async throws -> StaffPage.InService? {
        let userID = try user.requireID()
        guard let clock = InServiceStore.clock(req.application.aideSupervision),
              try await StaffProfileRecord.query(on: req.db).filter(\.$user.$id == userID).first()?.discipline == StaffDiscipline.homeHealthAide.rawValue
        else { return nil }
        let periods = try await InServiceStore.periods(aideIDs: [userID], clock: clock, now: req.now, on: req.db)[userID] ?? []
        let rows = try await InServiceTrainingRecord.query(on: req.db).filter(\.$user.$id == userID).sort(\.$takenOn, .descending).limit(50).all()
        let lines = periods.suffix(2).reversed().map { StaffPage.InService.Period(title: "\($0.window.opensDay) – \($0.window.dueDay)", status: $0.status,
                                                                                    state: $0.state.kind.rawValue, explanation: $0.explanation) }
        return StaffPage.InService(
            citation: clock.rule.citation, periods: lines,
            noVisitYet: periods.isEmpty ? "No period counted yet: the first 12-month period starts with the aide's first visit or first training recorded." : nil,
            sessions: rows.map { .init(date: $0.takenOn, hours: InServiceTraining.hours($0.minutes), topic: $0.topic) },
            form: canWrite ? PageForm(action: SiteURL.staffMember(userID, .inService).path, fields: [
                .text("date", "Day of the training", form?.date ?? req.agencyToday.description, problems, prefix: "in-service-", type: "date"),
                .text("hours", "Hours", form?.hours, problems, prefix: "in-service-", hint: "e.g. 1.5", inputMode: "decimal"),
                .text("topic", "What it covered", form?.topic, problems, prefix: "in-service-", wide: true),
            ], error: PageForm.refusal(problems)) : nil)
    }
}
