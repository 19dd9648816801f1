import Fluent
import Foundation
import HearthCore

/// The OASIS assessments an episode must transmit to CMS and what was recorded about each transmission [42 CFR 484.45(a)].
enum OASISStore {
    /// Every signed version of an OASIS time point (corrections included), for the clock, from the episode's signed
    /// assessments (`ComplianceRecords.signedAssessments`); the transmissions come from `EpisodeRecordsQuery`.
    static func assessments(_ signed: [AssessmentRecord], comprehensive: Set<String>, zone: TimeZone) throws -> [OASISAssessment] {
        try signed.compactMap { row -> OASISAssessment? in
            guard let kind = AssessmentKind(rawValue: row.kind), kind.isOASIS(comprehensiveInstrument: comprehensive.contains(row.instrumentID)),
                  let completed = completedOn(row, zone: zone) else { return nil }
            let label = "the \(kind.title.lowercased()) assessment of \(row.assessedOn)" + (row.signedBy.map { " signed by \($0.displayName)" } ?? "")
                + (row.amendsID == nil ? "" : ", corrected")
            return OASISAssessment(id: try row.requireID().uuidString.lowercased(), kind: kind, completedOn: completed,
                                   corrects: row.amendsID?.uuidString.lowercased(), label: label)
        }
    }

    /// The day a signed assessment was completed (its signature, M0090) in the agency's zone; nil for a draft.
    static func completedOn(_ row: AssessmentRecord, zone: TimeZone) -> CalendarDate? {
        guard row.status == AssessmentStatus.signed.rawValue || row.status == AssessmentStatus.amended.rawValue else { return nil }
        return row.signedAt.map { CalendarDate($0, in: zone) } ?? CalendarDate(row.assessedOn)
    }
}
