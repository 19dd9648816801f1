import Fluent
import Foundation
import HearthCore

/// The planned changes and significant changes recorded on a chart, and the notices delivered before them, for the clock
/// and for the chart's forms.
enum NoticeStore {
    /// Every change recorded in the episode (in the order recorded: a discharge planned again replaces the earlier plan)
    /// and every notice delivered.
    static func facts(episodeID: UUID, on db: any Database) async throws -> ([CareEvent], [PatientNotice]) {
        let rows = try await CareEventRecord.query(on: db).filter(\.$episode.$id == episodeID).with(\.$recordedBy).sort(\.$recordedAt).all()
        let events = try rows.compactMap { row -> CareEvent? in
            guard let kind = CareEvent.Kind(rawValue: row.kind), let day = CalendarDate(row.onDate) else { return nil }
            return CareEvent(id: try row.requireID().uuidString.lowercased(), kind: kind, on: day, detail: row.detail,
                             exception: row.exception.flatMap(CareEvent.Exception.init(rawValue:)), recordedBy: row.recordedBy?.displayName)
        }
        let notices = try await PatientNoticeRecord.query(on: db).filter(\.$episode.$id == episodeID).sort(\.$recordedAt).all()
            .compactMap { row -> PatientNotice? in
                guard let kind = PatientNotice.Kind(rawValue: row.kind), let day = CalendarDate(row.deliveredOn),
                      let response = PatientNotice.Response(rawValue: row.response) else { return nil }
                return PatientNotice(id: try row.requireID().uuidString.lowercased(), kind: kind, careEventID: row.$careEvent.id.uuidString.lowercased(),
                                     deliveredOn: day, deliveredBy: row.deliveredBy, response: response)
            }
        return (events, notices)
    }

    /// The planned changes a notice can be recorded for, newest first, as the notice form's choices.
    static func noticeChoices(episodeID: UUID, on db: any Database) async throws -> [FieldOption] {
        try await CareEventRecord.query(on: db).filter(\.$episode.$id == episodeID)
            .filter(\.$kind ~~ [CareEvent.Kind.plannedDischarge.rawValue, CareEvent.Kind.careReduction.rawValue])
            .sort(\.$recordedAt, .descending).all().map { row in
                let title = CareEvent.Kind(rawValue: row.kind)?.title ?? row.kind
                return FieldOption(value: try row.requireID().uuidString.lowercased(), label: "\(title) \(row.onDate): \(row.detail)", selected: false)
            }
    }
}
