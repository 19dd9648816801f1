import Foundation
import HearthCore

/// The demo agency transmits its OASIS like a real one [42 CFR 484.45(a)]: most accepted a few days after signing, those
/// signed in the last three days not sent yet, one in eleven patients' latest rejected (with CMS's reason) and not yet
/// corrected, one in seventeen's first one accepted late.
enum DemoOASIS {
    static let rejections = ["Fatal edit: M0090 completion date is before M0030 start of care", "Fatal edit: M0100 reason for assessment does not match the episode"]

    static func transmissions(of rows: [AssessmentRecord], serial: Int, by userID: UUID?, comprehensive: Set<String>, zone: TimeZone, now: Date) throws
        -> (assessments: [OASISAssessment], submissions: [OASISSubmission], rows: [OASISSubmissionRecord]) {
        let today = CalendarDate(now, in: zone)
        let oasis = try rows.compactMap { row -> OASISAssessment? in
            guard let kind = AssessmentKind(rawValue: row.kind), kind.isOASIS(comprehensiveInstrument: comprehensive.contains(row.instrumentID)),
                  let completed = OASISStore.completedOn(row, zone: zone) else { return nil }
            return OASISAssessment(id: try row.requireID().uuidString.lowercased(), kind: kind, completedOn: completed,
                                   label: "the \(kind.title.lowercased()) assessment of \(row.assessedOn)")
        }.sorted { $0.completedOn < $1.completedOn }
        var submissions: [OASISSubmission] = []
        var records: [OASISSubmissionRecord] = []
        for (index, assessment) in oasis.enumerated() where assessment.completedOn < today.adding(days: -3) {
            let row = rows.first { $0.id?.uuidString.lowercased() == assessment.id }!
            let sent = assessment.completedOn.adding(days: index == 0 && serial % 17 == 4 ? 33 : 1 + serial % 4)
            guard sent <= today else { continue }
            let rejected = index == oasis.count - 1 && serial % 11 == 2
            let submission = OASISSubmission(assessmentID: assessment.id, status: rejected ? .rejected : .accepted, on: sent,
                                             reason: rejected ? rejections[serial % rejections.count] : nil)
            submissions.append(submission)
            let record = OASISSubmissionRecord()
            record.$patient.id = row.$patient.id
            record.$episode.id = try row.$episode.id ?? { throw DemoOASISError.noEpisode }()
            record.$assessment.id = try row.requireID()
            record.status = submission.status.rawValue
            record.onDate = sent.description
            record.reason = submission.reason
            record.$recordedBy.id = userID
            records.append(record)
        }
        return (oasis, submissions, records)
    }

    enum DemoOASISError: Error { case noEpisode }
}
