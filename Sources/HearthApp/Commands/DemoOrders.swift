import Foundation
import HearthCore

/// Synthetic physician orders and summaries for a demo episode: every past period's plan of care signed, most
/// current ones signed, some still waiting (so the aging report has 0–15, 16–30 and 31+ day orders), and the
/// discharge and transfer summaries sent on time for most episodes.
enum DemoOrders {
    struct Rows {
        var orders: [PhysicianOrderRecord] = []
        var documents: [ComplianceDocument] = []
        /// What the rows mean to the regulatory clock.
        var records: [ComplianceRecord] = []
    }

    static func rows(for episode: Episode, serial: Int, patientID: UUID, episodeID: UUID, physician: User, caseManagerID: UUID?,
                     today: CalendarDate, zone: TimeZone) throws -> Rows {
        var rows = Rows()
        guard let soc = episode.startOfCare else { return rows }
        let current = CertificationPeriod.containing(min(today, episode.certifiedThrough ?? today), startOfCare: soc)?.number ?? 1
        for number in 1...max(1, min(episode.certifiedPeriods, current)) {
            let period = CertificationPeriod(number: number, startOfCare: soc)
            let waiting = number == current && serial % 4 == 0 && episode.status.isOpen
            let sentDay = waiting ? max(period.start, today.adding(days: -(serial % 45))) : period.start
            let signedDay = sentDay.adding(days: 2 + serial % 10)
            let kind: OrderKind = number == 1 ? .planOfCareStartOfCare : .planOfCareRecertification
            var order = try PhysicianOrder(id: UUID().uuidString, kind: kind, physician: try OrderStore.physician(physician),
                                           document: "Plan of care, certification period \(number) (\(period.start) – \(period.end)). Synthetic demo record.")
            try order.send(at: noon(sentDay, zone))
            if !waiting && signedDay <= today {
                try order.sign(as: OrderSigner(physicianID: order.physician.id, name: physician.displayName, credentials: "Physician", reauthenticated: true),
                               at: noon(signedDay, zone))
            }
            let record = try OrderStore.record(order, patientID: patientID, episodeID: episodeID, physicianID: try physician.requireID(),
                                               summary: "\(kind.title), period \(number)", periodNumber: number, by: caseManagerID ?? physician.requireID())
            rows.orders.append(record)
        }
        rows.records += try ComplianceRecords.of(rows.orders, zone: zone)
        // Summaries to the physician: on time for most, missing for every fifth so the compliance page has some.
        for event in episode.events where serial % 5 != 0 {
            let (kind, lag): (ComplianceRecord.Kind, Int)
            switch event.kind {
            case .discharge: (kind, lag) = (.dischargeSummary, 3)
            case .transfer: (kind, lag) = (.transferSummary, 1)
            default: continue
            }
            let day = event.date.adding(days: lag)
            guard day <= today else { continue }
            let document = ComplianceDocument()
            document.id = UUID()
            document.$patient.id = patientID
            document.$episode.id = episodeID
            document.kind = kind.key
            document.onDate = day.description
            rows.documents.append(document)
            rows.records.append(ComplianceRecord(id: try document.requireID().uuidString.lowercased(), kind: kind, date: day))
        }
        return rows
    }

    static func noon(_ day: CalendarDate, _ zone: TimeZone) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day, hour: 12)) ?? Date()
    }
}
