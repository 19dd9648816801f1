import Foundation
import Testing
@testable import HearthCore

/// Signed assessments lock; a correction is an amendment with a reason and both versions stay
/// (MISSION.md capability 2; issue 4 "Bad input": a second signature and editing a signed assessment are refused).
@Suite struct AssessmentLifecycleTests {
    let noon = Date(timeIntervalSince1970: 1_773_057_600)

    @Test func draftIsEditableUntilSigned() throws {
        var record = AssessmentLifecycle()
        try record.checkEditable()
        try record.sign(by: "Ann Lee, RN", at: noon, problems: [:])
        #expect(record.current.status == .signed)
        #expect(record.current.signature == AssessmentSignature(signedBy: "Ann Lee, RN", signedAt: noon))
        #expect(throws: AssessmentLifecycleError.locked(version: 1, signedBy: "Ann Lee, RN")) { try record.checkEditable() }
    }

    @Test func secondSignatureIsRefused() throws {
        var record = AssessmentLifecycle()
        try record.sign(by: "Ann Lee, RN", at: noon, problems: [:])
        let before = record
        #expect(throws: AssessmentLifecycleError.alreadySigned(version: 1, signedBy: "Ann Lee, RN")) {
            try record.sign(by: "Bob Ray, RN", at: noon.addingTimeInterval(60), problems: [:])
        }
        #expect(record == before) // nothing changed
        #expect(AssessmentLifecycleError.alreadySigned(version: 1, signedBy: "Ann Lee, RN").description
            == "Version 1 is already signed by Ann Lee, RN; it cannot be signed again. To change it, start an amendment.")
    }

    @Test func signingNeedsNoProblemsAndASigner() throws {
        var record = AssessmentLifecycle()
        #expect(throws: AssessmentLifecycleError.unresolvedProblems(count: 2)) {
            try record.sign(by: "Ann Lee, RN", at: noon, problems: ["a": "Answer this question before signing.", "b": "Enter a number."])
        }
        #expect(throws: AssessmentLifecycleError.signerRequired) { try record.sign(by: "  ", at: noon, problems: [:]) }
        #expect(record.current.status == .draft)
    }

    @Test func amendmentNeedsAReasonAndKeepsBothVersions() throws {
        var record = AssessmentLifecycle()
        try record.sign(by: "Ann Lee, RN", at: noon, problems: [:])
        #expect(throws: AssessmentLifecycleError.amendmentReasonRequired) { try record.amend(reason: " ") }
        let amendment = try record.amend(reason: "Wound length was recorded in inches, not cm")
        #expect(amendment == AssessmentVersion(number: 2, amends: 1, amendmentReason: "Wound length was recorded in inches, not cm"))
        try record.checkEditable()
        #expect(record.inForce?.number == 1) // the signed version counts until the amendment is signed
        #expect(throws: AssessmentLifecycleError.amendmentInProgress(version: 2)) { try record.amend(reason: "Another") }
        try record.sign(by: "Ann Lee, RN", at: noon.addingTimeInterval(3600), problems: [:])
        #expect(record.versions.map(\.status) == [.amended, .signed])
        #expect(record.inForce?.number == 2)
        #expect(record.versions[0].signature?.signedAt == noon) // the original keeps its signature
    }

    @Test func onlySignedAssessmentsAreAmended() throws {
        var record = AssessmentLifecycle()
        #expect(throws: AssessmentLifecycleError.notSignedYet) { try record.amend(reason: "Typo") }
        #expect(throws: AssessmentLifecycleError.noAmendmentInProgress) { try record.discardAmendment() }
        try record.sign(by: "Ann Lee, RN", at: noon, problems: [:])
        try record.amend(reason: "Typo in goals")
        try record.discardAmendment()
        #expect(record.versions.map(\.status) == [.signed])
    }

    @Test func rebuildsFromStoredVersions() throws {
        var record = AssessmentLifecycle()
        try record.sign(by: "Ann Lee, RN", at: noon, problems: [:])
        try record.amend(reason: "Correct SpO2")
        let stored = try JSONDecoder().decode([AssessmentVersion].self, from: JSONEncoder().encode(record.versions.reversed()))
        #expect(AssessmentLifecycle(versions: stored) == record)
    }

    @Test func everyRefusalSaysWhatToDoNext() {
        let errors: [AssessmentLifecycleError] = [.locked(version: 1, signedBy: ""), .alreadySigned(version: 1, signedBy: ""), .signerRequired,
                                                  .unresolvedProblems(count: 1), .notSignedYet, .amendmentReasonRequired,
                                                  .amendmentInProgress(version: 2), .noAmendmentInProgress]
        for error in errors { #expect(error.description.hasSuffix(".") && error.description.count > 20) }
        #expect(AssessmentLifecycleError.unresolvedProblems(count: 1).description == "1 answer needs attention before signing. Fix the questions marked, then sign.")
    }
}
