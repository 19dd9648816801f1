import Fluent
import Foundation
import HearthCore
import Vapor

/// The payer case manager's day: her members' authorizations that are used up, nearly used up or ending within two
/// weeks (`AuthorizationAttention`), each leading to the member's authorizations; the heading counts the list.
extension HomeController {
    static func payerAuthorizationsPanel(for user: CurrentUser, heading: String, emptyState: String, req: Request) async throws -> HomePage.Panel {
        let lines = try await AuthorizationStore.needingAttention(members: try await PatientAccess.members(of: user.id, on: req.db),
                                                                  today: req.agencyToday, on: req.db)
        let names = try await Patient.query(on: req.db).filter(\.$id ~~ Set(lines.map(\.patientID))).all()
        let byID = Dictionary(names.compactMap { patient in patient.id.map { ($0, patient) } }, uniquingKeysWith: { first, _ in first })
        let items = lines.compactMap { line -> HomePage.Item? in
            guard let patient = byID[line.patientID] else { return nil }
            return HomePage.Item(text: "\(patient.listName): \(line.authorization.number)",
                                 detail: "\(line.authorization.payer), \(line.authorization.discipline?.title.lowercased() ?? "all disciplines"): "
                                     + line.authorization.summary(used: line.used, today: req.agencyToday) + AuthorizationStore.bookedText(line.scheduled),
                                 href: SiteURL.patient(line.patientID, .authorizations).path, flag: line.attention.title, flagClass: line.attention.flagClass)
        }
        return HomePage.Panel(heading: "\(heading) (\(items.count))", emptyState: emptyState, items: items, id: "authorizations-to-review")
    }
}

extension AuthorizationStore {
    /// An authorization a payer case manager should look at, with the visits made and those still booked in its days.
    struct Attention {
        var patientID: UUID
        var authorization: VisitAuthorization
        var used: Int
        var scheduled: Int
        var attention: AuthorizationAttention
    }

    /// The visits still booked from `day` on, by patient, as an authorization counts them.
    static func booked(patientIDs: [UUID], from day: CalendarDate, on db: any Database) async throws -> [UUID: [(date: CalendarDate, discipline: Discipline)]] {
        guard !patientIDs.isEmpty else { return [:] }
        let visits = try await VisitRecord.query(on: db).filter(\.$patient.$id ~~ patientIDs)
            .filter(\.$status == VisitStatus.scheduled.rawValue).filter(\.$scheduledOn >= day.description).all()
        return Dictionary(grouping: visits, by: \.$patient.id).mapValues { visits in
            visits.compactMap { visit in CalendarDate(visit.scheduledOn).flatMap { day in Discipline(rawValue: visit.discipline).map { (date: day, discipline: $0) } } }
        }
    }

    /// " · 2 more visits booked", or nothing.
    static func bookedText(_ count: Int) -> String {
        count == 0 ? "" : " · \(count) more visit\(count == 1 ? "" : "s") booked"
    }

    /// The members' authorizations in force that need the payer's attention, most pressing first, then by last day.
    static func needingAttention(members: [UUID], today: CalendarDate, on db: any Database) async throws -> [Attention] {
        let authorizations = try await withUse(patientIDs: members, endingAfter: today, on: db)
        guard !authorizations.isEmpty else { return [] }
        let bookedByPatient = try await booked(patientIDs: Array(Set(authorizations.map(\.0))), from: today, on: db)
        let order = AuthorizationAttention.allCases
        return authorizations.compactMap { patientID, _, authorization, used in
            let scheduled = authorization.visitsUsed(bookedByPatient[patientID] ?? [])
            return AuthorizationAttention.of(authorization, used: used, scheduled: scheduled, today: today)
                .map { Attention(patientID: patientID, authorization: authorization, used: used, scheduled: scheduled, attention: $0) }
        }
        .sorted { ((order.firstIndex(of: $0.attention) ?? 0), $0.authorization.end) < ((order.firstIndex(of: $1.attention) ?? 0), $1.authorization.end) }
    }
}
