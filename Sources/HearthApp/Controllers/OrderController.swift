import Fluent
import Foundation
import HearthCore
import Vapor

/// Physician orders: the physician's inbox, one order to review and sign or reject, and the unsigned-order aging report.
struct OrderController {
    struct SignForm: Content { var password: String? }
    struct RejectForm: Content { var comment: String? }

    /// `GET /orders`: a physician's orders awaiting signature; supervisors see the agency, case managers their caseload.
    func list(req: Request) async throws -> HTML {
        let user = try req.currentUser
        let zone = req.application.settings.agencyTimeZone
        let today = CalendarDate(req.now, in: zone)
        let agencyWide = user.may(.viewAllCaseloads)
        let (aging, rows) = try await OrderStore.aging(physicianID: user.role == .physician ? user.id : nil,
                                                       caseManagerID: agencyWide || user.role == .physician ? nil : user.id,
                                                       today: today, zone: zone, on: req.db)
        try await req.auditRead("order.list", detail: "\(aging.totals.total) unsigned")
        let buckets = UnsignedOrderAging.Bucket.allCases
        func row(_ row: UnsignedOrderAging.Row) -> OrdersPage.AgingRow {
            .init(physician: row.physicianName, counts: buckets.map { row.count($0) }, notSent: row.notSent, total: row.total,
                  oldest: row.oldestDays.map { "\($0) days" } ?? "", overdue: row.overdue)
        }
        return try await OrdersPage(
            shell: PageShell(request: req, title: user.role == .physician ? "Orders to sign" : "Unsigned orders"),
            heading: user.role == .physician ? "Orders awaiting your signature" : (agencyWide ? "Unsigned orders across the agency" : "Unsigned orders for my caseload"),
            bucketTitles: buckets.map(\.title), aging: aging.rows.map(row), totals: row(aging.totals),
            shownNote: rows.count < aging.totals.total ? "Showing the \(rows.count) oldest of \(aging.totals.total) unsigned orders." : "",
            orders: try rows.map { record in
                let days = record.sentAt.map { CalendarDate($0, in: zone).days(until: today) }
                return .init(href: SiteURL.order(try record.requireID()).path, patient: "\(record.patient.listName)",
                             summary: record.summary, kind: OrderKind(rawValue: record.kind)?.title ?? record.kind,
                             status: record.status, statusTitle: OrderState(rawValue: record.status)?.title ?? record.status,
                             physician: record.physician.displayName, sent: record.sentAt.map { CalendarDate($0, in: zone).description } ?? "",
                             days: days.map(String.init) ?? "", overdue: UnsignedOrderAging.isOverdue(daysSinceSent: days))
            }).html
    }

    /// `GET /orders/:orderID`: the document as it will be signed, its state, rejections and signature manifest.
    func show(req: Request) async throws -> HTML {
        let (record, patient) = try await load(.read, req)
        try await req.auditRead("order.read", patientID: patient.id, resourceType: "ServiceRequest", resourceID: record.id?.uuidString)
        return try await page(record, patient, error: nil, req).html
    }

    /// `POST /orders/:orderID/sign`: the addressed physician re-enters the password and signs; the signature is final.
    func sign(req: Request) async throws -> Response {
        let (record, patient) = try await load(.sign, req)
        let user = try req.currentUser
        let password = try req.content.decode(SignForm.self).password ?? ""
        guard !password.isEmpty else {
            return try await refuse(record, patient, "Enter your password to sign: it confirms that you, not someone at your desk, signed.", req)
        }
        guard let account = try await User.find(user.id, on: req.db), try await req.password.async.verify(password, created: account.passwordHash) else {
            try await req.audit("order.sign", outcome: .denied, patientID: patient.id, resourceType: "ServiceRequest", resourceID: record.id?.uuidString,
                                detail: "wrong password")
            return try await refuse(record, patient, "That password is not right. Nothing was signed: enter the password you sign in with.", req)
        }
        var order = try OrderStore.decode(record)
        let signer = OrderSigner(physicianID: user.id.uuidString.lowercased(), name: user.displayName, credentials: "Physician", reauthenticated: true)
        do { try order.sign(as: signer, at: req.now) } catch { return try await refuse(record, patient, Self.message(error, req), req) }
        try OrderStore.store(order, in: record)
        let clock = req.application.regulatoryClock
        try await req.auditedWrite { db, audit in
            try await record.save(on: db)
            try await RecordChange(patientID: patient.requireID(), field: "Physician order", from: "sent", to: "signed: \(record.summary)", by: user.id).create(on: db)
            try await audit("order.sign", patientID: patient.id, resourceType: "ServiceRequest", resourceID: record.id?.uuidString)
            try await OrderStore.refreshDeadlines(episodeID: record.$episode.id, clock: clock, now: req.now, on: db)
        }
        await req.syncWorklist(patientID: patient.id)
        return req.redirect(to: SiteURL.order(try record.requireID()).path)
    }

    /// `POST /orders/:orderID/reject`: back to the case manager with what to change.
    func reject(req: Request) async throws -> Response {
        let (record, patient) = try await load(.sign, req)
        let user = try req.currentUser
        var order = try OrderStore.decode(record)
        do {
            try order.reject(by: user.id.uuidString.lowercased(), comment: try req.content.decode(RejectForm.self).comment ?? "", at: req.now)
        } catch { return try await refuse(record, patient, Self.message(error, req), req) }
        try OrderStore.store(order, in: record)
        try await req.auditedWrite { db, audit in
            try await record.save(on: db)
            try await RecordChange(patientID: patient.requireID(), field: "Physician order", from: "sent", to: "returned: \(record.summary)", by: user.id).create(on: db)
            try await audit("order.reject", patientID: patient.id, resourceType: "ServiceRequest", resourceID: record.id?.uuidString)
        }
        await req.syncWorklist(patientID: patient.id) // the case manager gets a task to revise and resend it
        return req.redirect(to: SiteURL.order(try record.requireID()).path)
    }

    /// `POST /orders/:orderID/resend`: a returned order goes back to the physician; a plan of care carries the plan as it is now.
    func resend(req: Request) async throws -> Response {
        let (record, patient) = try await load(.write, req)
        var order = try OrderStore.decode(record)
        var document = order.document
        if [.planOfCareStartOfCare, .planOfCareRecertification, .interim].contains(order.kind) {
            // A plan of care or a change carries the plan as it is now, and that version becomes the one it signs.
            guard let plan = try await CarePlanStore.load(patientID: try patient.requireID(), today: req.agencyToday, on: req.db), let current = plan.current else {
                throw AppError.notFound()
            }
            if order.kind == .interim {
                let from = plan.standing.changesFrom ?? 0
                let changes = try await OrderStore.changes(from: from, of: plan, on: req.db)
                guard !changes.isEmpty else {
                    return try await refuse(record, patient, "The plan is the same as version \(from), which the physician has: nothing is left to send. Withdraw this order with a reason instead.", withdrawOpen: true, req)
                }
                document = OrderStore.interimDocument(changes, patient: patient, from: from, to: current.version)
                record.summary = String(("Interim (version \(current.version)): " + changes.joined(separator: "; ")).prefix(200))
            } else {
                document = try await PlanOfCareDocument.make(patient: patient, plan: plan, agency: req.application.settings.agencyName, today: req.agencyToday, on: req.db).text
            }
            record.$carePlanVersion.id = current.id
        }
        do {
            try order.revise(document: document)
            try order.send(at: req.now)
        } catch { return try await refuse(record, patient, Self.message(error, req), req) }
        try OrderStore.store(order, in: record)
        try await req.auditedWrite { db, audit in
            try await record.save(on: db)
            try await audit("order.resend", patientID: patient.id, resourceType: "ServiceRequest", resourceID: record.id?.uuidString)
        }
        await req.syncWorklist(patientID: patient.id)
        return req.redirect(to: SiteURL.order(try record.requireID()).path)
    }

    struct WithdrawForm: Content { var reason: String? }

    /// `POST /orders/:orderID/withdraw`: the agency takes back an unsigned order, with the reason; its task closes.
    func withdraw(req: Request) async throws -> Response {
        let (record, patient) = try await load(.write, req)
        let user = try req.currentUser
        var order = try OrderStore.decode(record)
        let before = order.state
        do {
            try order.withdraw(by: user.displayName, reason: try req.content.decode(WithdrawForm.self).reason ?? "", at: req.now)
        } catch { return try await refuse(record, patient, Self.message(error, req), withdrawOpen: true, req) }
        try OrderStore.store(order, in: record)
        let clock = req.application.regulatoryClock
        let reason = order.withdrawal?.reason ?? ""
        try await req.auditedWrite { db, audit in
            try await record.save(on: db)
            try await RecordChange(patientID: patient.requireID(), field: "Physician order", from: before.title.lowercased(),
                                   to: "withdrawn: \(record.summary) (\(reason))", by: user.id).create(on: db)
            try await audit("order.withdraw", patientID: patient.id, resourceType: "ServiceRequest", resourceID: record.id?.uuidString,
                                detail: String(reason.prefix(200)))
            try await OrderStore.refreshDeadlines(episodeID: record.$episode.id, clock: clock, now: req.now, on: db)
        }
        await req.syncWorklist(patientID: patient.id)
        return req.redirect(to: SiteURL.order(try record.requireID()).path)
    }

    // MARK: -

    /// An order's refusal in words, with times in the agency's zone as the page shows them (not UTC).
    static func message(_ error: any Error, _ req: Request) -> String {
        (error as? PhysicianOrderError)?.message(in: req.application.settings.agencyTimeZone) ?? String(describing: error)
    }

    private func load(_ action: PatientAction, _ req: Request) async throws -> (PhysicianOrderRecord, Patient) {
        guard let id = req.parameters.get("orderID", as: UUID.self), let record = try await PhysicianOrderRecord.find(id, on: req.db) else {
            throw AppError.notFound()
        }
        let patient = try await PatientAccess.authorize(action, patientID: record.$patient.id, on: req)
        return (record, patient)
    }

    private func refuse(_ record: PhysicianOrderRecord, _ patient: Patient, _ message: String, withdrawOpen: Bool = false, _ req: Request) async throws -> Response {
        try await page(record, patient, error: message, withdrawOpen: withdrawOpen, req).html.encodeResponse(status: .unprocessableEntity, for: req)
    }

    private func page(_ record: PhysicianOrderRecord, _ patient: Patient, error: String?, withdrawOpen: Bool = false, _ req: Request) async throws -> OrderPage {
        let order = try OrderStore.decode(record)
        let user = try req.currentUser
        let zone = req.application.settings.agencyTimeZone
        let permissions = try await req.permissions(on: patient)
        let mayDecide = permissions.allows(.sign)
            && order.physician.id == user.id.uuidString.lowercased() && order.state == .sent
        let mayWrite = permissions.allows(.write)
        let mayResend = mayWrite && order.state == .rejected
        let orderID = try record.requireID()
        return OrderPage(
            shell: PageShell(request: req, title: "\(order.kind.title): \(patient.listName)"),
            title: order.kind.title, patientName: patient.displayName, chartHref: SiteURL.patient(try patient.requireID()).path,
            carePlanHref: SiteURL.patient(try patient.requireID(), .carePlan).path, physician: order.physician.name,
            status: order.state.rawValue, statusTitle: order.state.title, revision: order.revision,
            sent: order.sentAt.map { CalendarDate($0, in: zone).description }, document: order.document,
            verbal: order.verbal.map { "Taken by \($0.takenBy), read back by \($0.readBackBy), \(CalendarDate($0.receivedAt, in: zone))" },
            rejections: order.rejections.map { "Revision \($0.revision) returned on \(CalendarDate($0.at, in: zone)): \($0.comment)" },
            manifest: order.signature?.text(in: zone), error: error, mayDecide: mayDecide, mayResend: mayResend,
            signAction: SiteURL.order(orderID, .sign).path, rejectAction: SiteURL.order(orderID, .reject).path, resendAction: SiteURL.order(orderID, .resend).path,
            resendHint: Self.resendHint(order.kind),
            withdrawal: order.withdrawal.map { "Withdrawn by \($0.by) on \(CalendarDate($0.at, in: zone)): \($0.reason)" },
            mayWithdraw: mayWrite && (order.state == .rejected || order.state == .sent), withdrawAction: SiteURL.order(orderID, .withdraw).path,
            withdrawOpen: withdrawOpen)
    }

    static func resendHint(_ kind: OrderKind) -> String {
        switch kind {
        case .planOfCareStartOfCare, .planOfCareRecertification:
            "Change the care plan as the physician asks, then send it again here: it goes as the plan stands then."
        case .interim:
            "Change the care plan as the physician asks, then send it again here: it carries every change since the version the physician has."
        case .verbal, .medicationReconciliation:
            "Send it again once what the physician asks is done."
        }
    }
}

struct OrdersPage: Encodable, Sendable {
    struct AgingRow: Encodable, Sendable {
        var physician: String
        var counts: [Int]
        var notSent: Int
        var total: Int
        var oldest: String
        var overdue: Int
    }

    struct Line: Encodable, Sendable {
        var href: String
        var patient: String
        var summary: String
        var kind: String
        var status: String
        var statusTitle: String
        var physician: String
        var sent: String
        var days: String
        var overdue: Bool
    }

    var shell: PageShell
    var heading: String
    var bucketTitles: [String]
    var aging: [AgingRow]
    var totals: AgingRow
    var shownNote: String
    var orders: [Line]
}

struct OrderPage: Encodable, Sendable {
    var shell: PageShell
    var title: String
    var patientName: String
    var chartHref: String
    var carePlanHref: String
    var physician: String
    var status: String
    var statusTitle: String
    var revision: Int
    var sent: String?
    var document: String
    var verbal: String?
    var rejections: [String]
    var manifest: String?
    var error: String?
    var mayDecide: Bool
    var mayResend: Bool
    var signAction: String
    var rejectAction: String
    var resendAction: String
    /// What "Send the corrected order again" sends: for a plan of care or a change, the plan as it is now.
    var resendHint: String = ""
    /// "Withdrawn by … on …: reason", once withdrawn.
    var withdrawal: String? = nil
    var mayWithdraw = false
    var withdrawAction = ""
    var withdrawOpen = false
}
