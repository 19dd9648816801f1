import Foundation
import HearthCore

/// The demo agency plans discharges and reduces care like a real one, and records significant changes: one in seven open
/// episodes has a discharge planned in 4 days (every other one with its NOMNC and discharge notice already delivered, one
/// refused to sign), one in thirteen an aide reduction in 3 days with its HHABN, one in nine a significant change yesterday
/// whose follow-up assessment is owed (issue 18).
enum DemoNotices {
    struct Rows {
        var events: [CareEventRecord] = []
        var notices: [PatientNoticeRecord] = []
        var facts: ([CareEvent], [PatientNotice]) = ([], [])
    }

    static func rows(serial: Int, open: Bool, episodeID: UUID, patientID: UUID, by userID: UUID?, deliveredBy: String, today: CalendarDate) -> Rows {
        var rows = Rows()
        guard open else { return rows }
        func event(_ kind: CareEvent.Kind, _ on: CalendarDate, _ detail: String) -> CareEventRecord {
            let row = CareEventRecord()
            row.id = UUID()
            row.$patient.id = patientID
            row.$episode.id = episodeID
            (row.kind, row.onDate, row.detail) = (kind.rawValue, on.description, detail)
            row.$recordedBy.id = userID
            rows.events.append(row)
            rows.facts.0.append(CareEvent(id: row.id!.uuidString.lowercased(), kind: kind, on: on, detail: detail))
            return row
        }
        func notice(_ kind: PatientNotice.Kind, for change: CareEventRecord, _ on: CalendarDate, _ response: PatientNotice.Response) {
            let row = PatientNoticeRecord()
            row.id = UUID()
            row.$patient.id = patientID
            row.$episode.id = episodeID
            row.$careEvent.id = change.id!
            (row.kind, row.deliveredOn, row.deliveredBy, row.response) = (kind.rawValue, on.description, deliveredBy, response.rawValue)
            row.$recordedBy.id = userID
            rows.notices.append(row)
            rows.facts.1.append(PatientNotice(id: row.id!.uuidString.lowercased(), kind: kind, careEventID: change.id!.uuidString.lowercased(),
                                              deliveredOn: on, deliveredBy: deliveredBy, response: response))
        }
        if serial % 7 == 3 {
            let plan = event(.plannedDischarge, today.adding(days: 4), "goals met; last skilled nursing visit")
            if serial % 14 == 3 {
                notice(.transferDischarge, for: plan, today.adding(days: -1), .signed)
                notice(.nomnc, for: plan, today.adding(days: -1), serial % 28 == 3 ? .refused : .signed)
            }
        }
        if serial % 13 == 6 {
            let cut = event(.careReduction, today.adding(days: 3), "aide visits from 3 to 2 a week")
            notice(.hhabn, for: cut, today, .signed)
        }
        if serial % 9 == 5 {
            _ = event(.significantChange, today.adding(days: -1), "fell at home, new hip pain")
        }
        return rows
    }
}
