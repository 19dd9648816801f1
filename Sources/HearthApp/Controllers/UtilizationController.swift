import Fluent
import Foundation
import HearthCore
import Vapor

/// Utilization review: the UR nurse's ranked queue, a stay's review page and what is recorded on it, and the reports.
/// Every stay goes through `HospitalStore.authorize`, which asks `AccessPolicy.decideStay`.
struct UtilizationController {
    /// `GET /hospital/review-queue`, and the UR nurse's home page.
    func queue(req: Request) async throws -> HTML {
        let user = try req.currentUser
        guard [.utilizationReviewNurse, .hospitalCaseManager].contains(user.role) else { throw AppError.notFound() }
        let units = try await UtilizationStore.scopeUnits(of: user, on: req.db)
        let stays = try await HospitalStore.currentStays(on: try units.map { try $0.requireID() }, on: req.db)
        let records = try await UtilizationStore.records(for: try stays.map { try $0.row.requireID() }, on: req.db)
        try await req.auditRead("utilization.queue", resourceType: "Encounter", detail: "review queue, \(stays.count) stays")
        let zone = req.application.settings.agencyTimeZone
        let queueStays = try stays.map { try UtilizationStore.queueStay($0, records[try $0.row.requireID()]) }
        let rules = try await ReferenceTableStore.rules(drgs: queueStays.compactMap(\.drg), procedures: queueStays.flatMap(\.procedureCodes),
                                                        payers: req.application.utilizationPayers, zone: zone, on: req.db)
        let queue = ReviewQueue(clock: StayClock(timeZone: zone), criteria: CMSCriteria(inpatientOnly: rules.inpatientOnly), norms: rules.lengthOfStay)
        let byID = Dictionary(uniqueKeysWithValues: try stays.map { (try $0.row.requireID().uuidString, $0) })
        let ranked = queue.rank(queueStays, now: req.now)
        let rows = try ranked.enumerated().compactMap { index, entry -> ReviewQueuePage.Row? in
            guard let stay = byID[entry.id] else { return nil }
            return try Self.row(stay, entry, rank: index + 1, records: records[try stay.row.requireID()], zone: zone)
        }
        let hospitals = Set(units.map(\.hospital.name)).sorted().joined(separator: ", ")
        return ReviewQueuePage(
            shell: PageShell(request: req, title: "Review queue"), heading: "Review queue",
            summary: "\(rows.count) of \(stays.count) current stay\(stays.count == 1 ? "" : "s") need review\(hospitals.isEmpty ? "" : " at \(hospitals)"), most urgent first."
                + (units.isEmpty ? " You review no hospital yet: ask an administrator to add you to your hospital's reviewers." : "")
                + Self.tablesNotLoaded(rules),
            rows: rows, reportLinks: Self.reportLinks).html
    }

    /// What the queue cannot check because a CMS table is not loaded: said, never guessed.
    static func tablesNotLoaded(_ rules: UtilizationRules) -> String {
        (rules.lengthOfStay.isLoaded ? "" : " \(LengthOfStayNorms.notLoadedMessage): no stay is checked against it.")
            + (rules.inpatientOnly.isLoaded ? "" : " \(InpatientOnlyList.notLoadedMessage): no procedure is checked against it.")
    }

    static let reportLinks: [(label: String, href: String)] = [("Review queue", SiteURL.utilization(.queue).path), ("Avoidable days", SiteURL.utilization(.avoidableDays).path),
                              ("Denials and appeals", SiteURL.utilization(.denials).path)]

    static func row(_ stay: HospitalStore.LoadedStay, _ entry: QueueEntry, rank: Int, records: UtilizationStore.StayRecords?, zone: TimeZone) throws -> ReviewQueuePage.Row {
        let id = try stay.row.requireID()
        let last = records?.latestReview
        return ReviewQueuePage.Row(
            rank: rank, stay: StayQueueCells(id: "queue-\(stay.row.hospitalMRN)", href: SiteURL.stayReview(id, .show).path, name: stay.row.listName,
                                        mrn: stay.row.hospitalMRN, unitBed: "\(stay.row.unit.code) \(stay.row.bed ?? "")", status: stay.facts.currentStatus.title,
                                        statusClass: stay.facts.currentStatus.rawValue),
            score: entry.score,
            reasons: entry.findings.map { .init(reason: $0.reason.rawValue, title: $0.title, explanation: $0.explanation, citation: $0.citation) },
            lastReview: last.map { "\(StayLifecycle.stamp($0.reviewedAt, zone)) by \($0.reviewerName); next \($0.nextReview)" } ?? "None",
            payerDays: records?.approvedThrough.map { "Through \($0)" } ?? "None on file")
    }

    /// `GET /hospital/stays/:stayID/review`.
    func show(req: Request) async throws -> HTML {
        let (stay, records) = try await load(.read, req)
        try await req.auditRead("utilization.read", patientID: stay.row.$patient.id, resourceType: "Encounter", resourceID: stay.row.id?.uuidString)
        return try await StayReviewPageBuilder.load(req: req, stay: stay, records: records).page().html
    }

    /// The stay the user may take `action` on, with its utilization records.
    func load(_ action: StayAction, _ req: Request) async throws -> (HospitalStore.LoadedStay, UtilizationStore.StayRecords) {
        let stay = try await HospitalStore.authorize(action, stayID: req.parameters.get("stayID", as: UUID.self), on: req)
        let id = try stay.row.requireID()
        return (stay, try await UtilizationStore.records(for: [id], on: req.db)[id] ?? .init())
    }

    /// The page again with the refused form's typing and the reasons by its fields: 422.
    func refuse(_ stay: HospitalStore.LoadedStay, _ records: UtilizationStore.StayRecords, _ req: Request, _ forms: StayReviewForms) async throws -> Response {
        let page = try await StayReviewPageBuilder.load(req: req, stay: stay, records: records, forms: forms).page(forms)
        return try await page.html.encodeResponse(status: .unprocessableEntity, for: req)
    }

    static func redirect(_ req: Request, _ stayID: UUID, _ anchor: String) -> Response {
        req.redirect(to: SiteURL.stayReview(stayID, .show).path(anchor: anchor))
    }

    static func text(_ value: String?) -> String { (value ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
}
