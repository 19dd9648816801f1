import Fluent
import Foundation
import HearthCore
import Vapor

/// The supervisor's review of break-the-glass: every access, open or ended, with its reason; each marked reviewed with
/// a note [45 CFR 164.312(a)(2)(ii); 164.308(a)(1)(ii)(D) information system activity review].
struct EmergencyAccessReviewController {
    static let pageSize = 50

    func report(req: Request) async throws -> Response {
        try await PatientAccess.authorize(.reviewEmergencyAccess, on: req)
        return try await page(req, refused: nil).encodeResponse(for: req)
    }

    /// Marks one access reviewed with the supervisor's note; a missing note comes back beside its field, kept.
    func review(req: Request) async throws -> Response {
        try await PatientAccess.authorize(.reviewEmergencyAccess, on: req)
        guard let id = req.parameters.get("accessID", as: UUID.self), let record = try await EmergencyAccessRecord.find(id, on: req.db) else {
            throw AppError.notFound()
        }
        let note = (try? req.content.get(String.self, at: "note")) ?? ""
        if let problem = try await EmergencyAccessStore.review(record, note: note, by: try req.currentUser, now: req.now, req: req) {
            let refused = EmergencyReviewPage.Refusal(accessID: id, note: note, error: problem)
            return try await page(req, refused: refused).encodeResponse(status: .unprocessableEntity, for: req)
        }
        return req.redirect(to: SiteURL.emergencyAccess.path + "?reviewed=1")
    }

    private func page(_ req: Request, refused: EmergencyReviewPage.Refusal?) async throws -> HTML {
        let pageNumber = req.pageNumber
        let now = req.now
        let toReview = try await EmergencyAccessStore.unreviewed(on: req.db)
        let reviewed = try await EmergencyAccessStore.reviewed(page: pageNumber, size: Self.pageSize, on: req.db)
        try await req.auditRead("emergency_access.list", detail: "\(toReview.count) to review, page \(pageNumber) of the reviewed")
        let zone = req.application.settings.agencyTimeZone
        func line(_ record: EmergencyAccessRecord) throws -> EmergencyReviewPage.Line {
            let id = try record.requireID()
            let patientID = try record.patient.requireID()
            let grant = record.grant
            let state = grant.state(now: now)
            let started = CalendarDate(record.startedAt, in: zone)
            let ended = CalendarDate(grant.end, in: zone)
            var disclosures = URLComponents()
            disclosures.path = SiteURL.patient(patientID, .disclosures).path
            disclosures.queryItems = [.init(name: "from", value: started.description), .init(name: "to", value: ended.description),
                                      .init(name: "user", value: record.user.username)]
            return EmergencyReviewPage.Line(
                id: id, user: "\(record.user.displayName) (\(Role(rawValue: record.user.role)?.title ?? record.user.role))",
                patient: record.patient.listName, mrn: record.patient.mrn, chartHref: SiteURL.patient(patientID).path,
                reason: record.reason, started: "\(started) \(req.agencyClock(record.startedAt))",
                end: "\(ended) \(req.agencyClock(grant.end))\(record.endedAt != nil ? " (ended early)" : "")",
                state: state, disclosuresHref: disclosures.string ?? SiteURL.patient(patientID, .disclosures).path,
                reviewAction: state == .reviewed ? nil : SiteURL.reviewEmergencyAccess(id).path,
                review: record.reviewedAt.map { at in
                    "\(record.reviewedBy?.displayName ?? "A supervisor"), \(CalendarDate(at, in: zone)) \(req.agencyClock(at)): \(record.reviewNote ?? "")"
                })
        }
        var pageModel = EmergencyReviewPage(
            shell: PageShell(request: req, title: "Emergency access review"),
            toReview: try toReview.map(line), reviewed: try reviewed.prefix(Self.pageSize).map(line),
            previousHref: pageNumber > 1 ? SiteURL.emergencyAccess.path + "?page=\(pageNumber - 1)" : nil,
            nextHref: reviewed.count > Self.pageSize ? SiteURL.emergencyAccess.path + "?page=\(pageNumber + 1)" : nil,
            refused: refused)
        pageModel.notice = req.query[String.self, at: "reviewed"] == "1" ? "Marked reviewed." : nil
        return EmergencyReviewView.render(pageModel)
    }
}

extension HomeController {
    /// The supervisor's count of emergency accesses to review, leading her home page while any wait.
    static func emergencyReviewPanel(req: Request) async throws -> HomePage.Panel? {
        let count = try await EmergencyAccessStore.unreviewedCount(on: req.db)
        guard count > 0 else { return nil }
        return HomePage.Panel(heading: "Emergency access to review (\(count))", emptyState: "",
                              items: [HomePage.Item(text: "\(count) emergency access\(count == 1 ? "" : "es") not reviewed yet",
                                                    detail: "A user opened a chart not on their list, with a reason. Review each one.",
                                                    href: SiteURL.emergencyAccess.path, flag: "Review", flagClass: "overdue")],
                              id: "emergency-review-panel")
    }

    /// A clinician's open emergency accesses: the way back to a chart that is not on her list.
    static func openEmergencyPanel(for user: CurrentUser, req: Request) async throws -> HomePage.Panel? {
        guard user.may(.breakTheGlass) else { return nil }
        let open = try await EmergencyAccessStore.open(for: user.id, now: req.now, on: req.db)
        guard !open.isEmpty else { return nil }
        return HomePage.Panel(heading: "Emergency access open (\(open.count))", emptyState: "", items: try open.map { record in
            HomePage.Item(text: record.patient.listName, detail: "until \(req.agencyClock(record.endsAt)), recorded and reviewed",
                          href: SiteURL.patient(try record.patient.requireID()).path, flag: "Emergency", flagClass: "overdue")
        }, id: "emergency-open-panel")
    }
}
