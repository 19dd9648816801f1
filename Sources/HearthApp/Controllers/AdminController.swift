import Fluent
import Foundation
import HearthCore
import Vapor

/// The audit trail for the administrator: filtered, paged, and exported as CSV; patients by name and MRN
/// [45 CFR 164.312(b), 164.308(a)(1)(ii)(D)].
struct AdminController {
    static let pageSize = 100
    /// An export larger than this is cut, and says so in its last line; narrow the dates for more.
    static let exportLimit = 50_000

    func audit(req: Request) async throws -> Response {
        try await PatientAccess.authorize(.viewAuditTrail, on: req)
        let zone = req.application.settings.agencyTimeZone
        var filter = AuditTrailFilter(query: req.query, timeZone: zone)
        try await filter.resolvePatients(on: req.db)
        let page = req.pageNumber
        var events: [AuditEvent] = []
        if filter.errors.isEmpty {
            let query = AuditEvent.query(on: req.db)
            filter.apply(to: query)
            events = try await query.sort(\.$occurredAtMillis, .descending).sort(\.$id, .descending)
                .range(((page - 1) * Self.pageSize)..<(page * Self.pageSize + 1)).all()
        }
        try await req.auditRead("audit.list", detail: "page \(page); \(filter.summary)")
        let shown = Array(events.prefix(Self.pageSize))
        let names = try await AuditPatientNames(for: shown, on: req.db)
        let formatter = Self.timeFormatter(zone)
        func link(_ items: [URLQueryItem], path: String) -> String {
            var parts = URLComponents()
            parts.path = path
            parts.queryItems = items.isEmpty ? nil : items
            return parts.string ?? path
        }
        let status: HTTPResponseStatus = filter.errors.isEmpty ? .ok : .unprocessableEntity
        let auditPage = AuditPage(
            shell: PageShell(request: req, title: "Audit trail"), filter: filter, outcomes: AuditTrailFilter.outcomes,
            rows: shown.map { Self.row($0, names: names, formatter: formatter) },
            previousHref: page > 1 ? link(filter.queryItems + [URLQueryItem(name: "page", value: String(page - 1))], path: SiteURL.admin(.audit).path) : nil,
            nextHref: events.count > Self.pageSize ? link(filter.queryItems + [URLQueryItem(name: "page", value: String(page + 1))], path: SiteURL.admin(.audit).path) : nil,
            exportHref: filter.errors.isEmpty ? link(filter.queryItems, path: SiteURL.admin(.auditExport).path) : nil
        )
        return try await AuditView.render(auditPage).encodeResponse(status: status, for: req)
    }

    /// The filtered rows as CSV, newest first; the export is itself audited before it is sent.
    func exportAudit(req: Request) async throws -> Response {
        try await PatientAccess.authorize(.viewAuditTrail, on: req)
        let zone = req.application.settings.agencyTimeZone
        var filter = AuditTrailFilter(query: req.query, timeZone: zone)
        try await filter.resolvePatients(on: req.db)
        if let message = filter.errors.sorted(by: { $0.key < $1.key }).first?.value {
            throw AppError.invalidInput(message)
        }
        let query = AuditEvent.query(on: req.db)
        filter.apply(to: query)
        let events = try await query.sort(\.$occurredAtMillis, .descending).sort(\.$id, .descending).limit(Self.exportLimit + 1).all()
        let kept = Array(events.prefix(Self.exportLimit))
        try await req.audit("audit.export", detail: "\(kept.count) rows; \(filter.summary)")
        let names = try await AuditPatientNames(for: kept, on: req.db)
        let formatter = Self.timeFormatter(zone)
        var csv = AuditCSV.header
        for event in kept { csv += AuditCSV.line(Self.row(event, names: names, formatter: formatter)) }
        if events.count > Self.exportLimit { csv += "# cut at \(Self.exportLimit) rows: narrow the dates for the rest\r\n" }
        let response = Response(status: .ok, body: .init(string: csv))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        let day = AuditTrailFilter.dayFormatter(zone).string(from: req.now)
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"hearth-audit-\(day).csv\"")
        return response
    }

    static func row(_ event: AuditEvent, names: AuditPatientNames, formatter: DateFormatter) -> AuditPage.Row {
        let patient = names.label(event.patientID)
        return AuditPage.Row(
            sequence: event.sequence.map(String.init) ?? "unsealed",
            occurredAt: formatter.string(from: Date(timeIntervalSince1970: Double(event.occurredAtMillis) / 1000)),
            actor: event.actorName, action: event.action, outcome: event.outcome,
            patientName: patient?.name, mrn: patient?.mrn,
            resource: names.record(event),
            sourceIP: event.sourceIP, detail: event.detail
        )
    }

    static func timeFormatter(_ zone: TimeZone) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss zzz"
        return formatter
    }
}

/// RFC 4180 CSV, with cells that a spreadsheet would run as a formula defused (OWASP CSV injection).
enum AuditCSV {
    static let header = "sequence,occurred_at,user,action,outcome,patient,mrn,record,source_ip,detail\r\n"

    static func line(_ row: AuditPage.Row) -> String {
        [row.sequence, row.occurredAt, row.actor, row.action, row.outcome, row.patientName ?? "", row.mrn ?? "",
         row.resource ?? "", row.sourceIP ?? "", row.detail ?? ""].map(cell).joined(separator: ",") + "\r\n"
    }

    static func cell(_ value: String) -> String {
        var text = value
        if let first = text.first, "=+-@\t\r".contains(first) { text = "'" + text }
        if text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            text = "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return text
    }
}
