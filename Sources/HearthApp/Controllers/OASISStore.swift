import Fluent
import Foundation
import HearthCore

/// The OASIS assessments an episode must transmit to CMS and what was recorded about each transmission [42 CFR 484.45(a)].
enum OASISStore {
    /// Every signed version of an OASIS time point (corrections included) and the transmissions recorded, for the clock.
    static func facts(episodeID: UUID, comprehensive: Set<String>, zone: TimeZone, on db: any Database) async throws
        -> ([OASISAssessment], [OASISSubmission]) {
        let signed = try await AssessmentRecord.query(on: db).filter(\.$episode.$id == episodeID)
            .filter(\.$status ~~ [AssessmentStatus.signed.rawValue, AssessmentStatus.amended.rawValue]).with(\.$signedBy).all()
        let assessments = try signed.compactMap { row -> OASISAssessment? in
            guard let kind = AssessmentKind(rawValue: row.kind), kind.isOASIS(comprehensiveInstrument: comprehensive.contains(row.instrumentID)),
                  let completed = completedOn(row, zone: zone) else { return nil }
            let label = "the \(kind.title.lowercased()) assessment of \(row.assessedOn)" + (row.signedBy.map { " signed by \($0.displayName)" } ?? "")
                + (row.amendsID == nil ? "" : ", corrected")
            return OASISAssessment(id: try row.requireID().uuidString.lowercased(), kind: kind, completedOn: completed,
                                   corrects: row.amendsID?.uuidString.lowercased(), label: label)
        }
        let submissions = try await OASISSubmissionRecord.query(on: db).filter(\.$episode.$id == episodeID).sort(\.$recordedAt).all()
            .compactMap { row -> OASISSubmission? in
                guard let status = OASISSubmission.Status(rawValue: row.status), let day = CalendarDate(row.onDate) else { return nil }
                return OASISSubmission(assessmentID: row.$assessment.id.uuidString.lowercased(), status: status, on: day, reason: row.reason)
            }
        return (assessments, submissions)
    }

    /// The day a signed assessment was completed (its signature, M0090) in the agency's zone; nil for a draft.
    static func completedOn(_ row: AssessmentRecord, zone: TimeZone) -> CalendarDate? {
        guard row.status == AssessmentStatus.signed.rawValue || row.status == AssessmentStatus.amended.rawValue else { return nil }
        return row.signedAt.map { CalendarDate($0, in: zone) } ?? CalendarDate(row.assessedOn)
    }
}
