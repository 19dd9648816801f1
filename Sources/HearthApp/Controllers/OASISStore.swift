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

extension OASISStore {
    /// Assessments whose latest recorded transmission is a rejection, for the compliance page: of the named case managers'
    /// patients, or everyone's (nil); the 25 oldest first.
    static func rejected(managerIDs: [UUID]?, on db: any Database) async throws -> [RejectedTransmission] {
        let rejections = try await OASISSubmissionRecord.query(on: db).filter(\.$status == OASISSubmission.Status.rejected.rawValue)
            .with(\.$patient).with(\.$assessment).sort(\.$recordedAt).all()
        guard !rejections.isEmpty else { return [] }
        let later = try await OASISSubmissionRecord.query(on: db).filter(\.$assessment.$id ~~ rejections.map { $0.$assessment.id })
            .filter(\.$status != OASISSubmission.Status.rejected.rawValue).all()
        var seen = Set<UUID>()
        return rejections.reversed().filter { row in
            guard seen.insert(row.$assessment.id).inserted else { return false }
            if let managerIDs, !managerIDs.contains(where: { $0 == row.patient.$caseManager.id }) { return false }
            return !later.contains { $0.$assessment.id == row.$assessment.id && ($0.recordedAt ?? .distantPast) > (row.recordedAt ?? .distantPast) }
        }.reversed().prefix(25).map { row in
            RejectedTransmission(patient: row.patient.listName, href: SiteURL.patient(row.$patient.id).path + "#deadlines",
                                 assessment: "\(AssessmentKind(rawValue: row.assessment.kind)?.title ?? row.assessment.kind) of \(row.assessment.assessedOn)",
                                 rejectedOn: row.onDate, reason: row.reason ?? "")
        }
    }
}
