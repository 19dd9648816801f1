import Fluent
import Foundation
import HearthCore
import Vapor

/// A case manager's orders the physician returned, first on her home page with the physician's reason: each leads to
/// the order to correct and resend (or withdraw with a reason); none closes with "Done".
extension HomeController {
    static func returnedOrdersPanel(for user: CurrentUser, req: Request) async throws -> HomePage.Panel? {
        guard user.role == .caseManager else { return nil }
        let zone = req.application.settings.agencyTimeZone
        let rows = try await OrderStore.returned(caseManagerID: user.id, on: req.db)
        guard !rows.isEmpty else { return nil }
        return HomePage.Panel(heading: "Returned by the physician (\(rows.count))", emptyState: "", items: try rows.map { row in
            let order = try OrderStore.decode(row)
            let returned = order.rejections.last
            let when = returned.map { " on \(CalendarDate($0.at, in: zone))" } ?? ""
            return HomePage.Item(text: "\(row.patient.listName): \(row.summary)",
                                 detail: "\(row.physician.displayName)\(when): \"\(returned?.comment ?? "no reason given")\"",
                                 href: SiteURL.order(try row.requireID()).path, flag: "Returned", flagClass: "overdue", actionLabel: "Correct and resend")
        }, id: "returned-orders")
    }
}
