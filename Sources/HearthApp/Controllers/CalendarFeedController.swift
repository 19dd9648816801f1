import Fluent
import Foundation
import HearthCore
import Vapor

/// Each clinician's private iCalendar feed of their visits: time, discipline, patient initials and town, nothing more.
struct CalendarFeedController {
    /// How far the feed reaches: last week (for notes still to write) and the next four weeks.
    static let daysBack = 7
    static let daysAhead = 28

    /// `POST /visits/calendar-feed`: a new private link; any earlier one stops working.
    func create(req: Request) async throws -> HTML {
        let user = try req.currentUser
        let token = Secret.make()
        let feed = CalendarFeedRecord()
        feed.$user.id = user.id
        feed.tokenHash = Secret.hash(token)
        try await req.auditedWrite { db, audit in
            try await CalendarFeedRecord.query(on: db).filter(\.$user.$id == user.id).filter(\.$revokedAt == nil).set(\.$revokedAt, to: req.now).update()
            try await feed.create(on: db)
            try await audit("calendar.feed.create", resourceType: "Practitioner", resourceID: user.id.uuidString)
        }
        // The address the clinician reached Hearth by, so the link works from the same network.
        let scheme = req.application.settings.forceSecureCookies ? "https" : "http"
        let url = "\(scheme)://\(req.headers.first(name: .host) ?? "localhost")\(SiteURL.calendarFeed(token: token).path)"
        return CalendarFeedPage(shell: PageShell(request: req, title: "Calendar feed"), url: url, backHref: SiteURL.visits.path).html
    }

    /// `POST /visits/calendar-feed/revoke`.
    func revoke(req: Request) async throws -> Response {
        let user = try req.currentUser
        try await req.auditedWrite { db, audit in
            try await CalendarFeedRecord.query(on: db).filter(\.$user.$id == user.id).filter(\.$revokedAt == nil).set(\.$revokedAt, to: req.now).update()
            try await audit("calendar.feed.revoke", resourceType: "Practitioner", resourceID: user.id.uuidString)
        }
        return req.redirect(to: SiteURL.visits.path)
    }

    /// `GET /calendar/:token`: the feed itself, for the clinician's calendar app (no session; the token is the key).
    func feed(req: Request) async throws -> Response {
        let token = (req.parameters.get("token") ?? "").replacingOccurrences(of: ".ics", with: "")
        guard !token.isEmpty, let feed = try await CalendarFeedRecord.query(on: req.db).filter(\.$tokenHash == Secret.hash(token))
                  .filter(\.$revokedAt == nil).with(\.$user).first(), feed.user.isActive else { throw AppError.notFound() }
        let zone = req.application.settings.agencyTimeZone
        let today = CalendarDate(req.now, in: zone)
        let visits = try await VisitRecord.query(on: req.db).filter(\.$clinician.$id == feed.$user.id)
            .filter(\.$scheduledOn >= today.adding(days: -Self.daysBack).description).filter(\.$scheduledOn <= today.adding(days: Self.daysAhead).description)
            .with(\.$patient).sort(\.$scheduledOn).limit(500).all()
        try await AuditLog.record(.init(actorName: feed.user.username, action: "calendar.feed.read", outcome: .success, detail: "\(visits.count) visits"), on: req.db)
        let events = visits.compactMap { visit -> CalendarVisit? in
            guard let start = FHIRVisit.instant(visit, zone: zone).flatMap({ ISO8601DateFormatter().date(from: $0) }),
                  let discipline = Discipline(rawValue: visit.discipline), let id = visit.id else { return nil }
            return CalendarVisit(uid: "\(id.uuidString.lowercased())@hearth", start: start, end: start.addingTimeInterval(Double(visit.minutes) * 60),
                                 discipline: discipline, patientGivenName: visit.patient.givenName, patientFamilyName: visit.patient.familyName,
                                 town: visit.patient.city ?? "", cancelled: visit.visitStatus == .cancelled)
        }
        let body = ICalendarFeed.render(events: events, calendarName: "Hearth visits: \(feed.user.displayName)", now: req.now)
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "calendar", parameters: ["charset": "utf-8"])
        headers.replaceOrAdd(name: .cacheControl, value: "private, max-age=300")
        return Response(status: .ok, headers: headers, body: .init(string: body))
    }
}

struct CalendarFeedPage: Encodable, Sendable {
    var shell: PageShell
    var url: String
    var backHref: String
}
