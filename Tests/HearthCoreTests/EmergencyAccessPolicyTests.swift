import Foundation
import Testing
@testable import HearthCore

/// Break-the-glass, 45 CFR 164.312(a)(2)(ii): "Establish (and implement as needed) procedures for obtaining necessary
/// electronic protected health information during an emergency." Who may, what it opens, for how long, and why.
@Suite struct EmergencyAccessPolicyTests {
    @Test func onlyNursesAndCaseManagersMayBreakTheGlass() {
        #expect(AccessPolicy.mayBreakGlass(role: .clinician, relationships: []))
        #expect(AccessPolicy.mayBreakGlass(role: .caseManager, relationships: []))
        #expect(AccessPolicy.decide(role: .clinician, action: .breakTheGlass) == .allowed)
        // Payer and intake keep what their relationship gives (45 CFR 164.502(b)); the administrator opens no chart;
        // the aide follows her own patients' aide care plan; the physician reads his own patients.
        for role in [Role.payer, .intake, .admin, .aide, .physician] {
            #expect(!AccessPolicy.mayBreakGlass(role: role, relationships: []), "\(role) must not break the glass")
            #expect(!AccessPolicy.decide(role: role, action: .breakTheGlass).isAllowed)
            // An emergency access on file changes nothing for these roles.
            #expect(!AccessPolicy.decide(role: role, relationships: [.emergencyAccess], action: .read).isAllowed)
        }
        // The supervisor reads every chart already: she never needs to; reviewing is hers.
        #expect(!AccessPolicy.mayBreakGlass(role: .supervisor, relationships: []))
        #expect(AccessPolicy.decide(role: .supervisor, action: .reviewEmergencyAccess) == .allowed)
        #expect(!AccessPolicy.decide(role: .clinician, action: .reviewEmergencyAccess).isAllowed)
        #expect(!AccessPolicy.decide(role: .admin, action: .reviewEmergencyAccess).isAllowed)
    }

    @Test func noGlassToBreakForAChartTheUserMayAlreadyOpen() {
        #expect(!AccessPolicy.mayBreakGlass(role: .clinician, relationships: [.careTeam]))
        #expect(!AccessPolicy.mayBreakGlass(role: .caseManager, relationships: [.caseManager]))
        // Being the case manager "on paper" does not let a clinician read: she may break the glass.
        #expect(AccessPolicy.mayBreakGlass(role: .clinician, relationships: [.caseManager]))
    }

    @Test func anOpenEmergencyAccessReadsDocumentsAndChangesButSignsAndReassignsNothing() {
        for role in [Role.clinician, .caseManager] {
            for action in [PatientAction.read, .write, .document] {
                #expect(AccessPolicy.decide(role: role, relationships: [.emergencyAccess], action: action) == .allowed)
                #expect(AccessPolicy.isEmergencyUse(role: role, relationships: [.emergencyAccess], action: action))
            }
            for action in [PatientAction.sign, .assign, .manageCareTeam, .manageEpisode, .waive, .accountDisclosures] {
                #expect(!AccessPolicy.decide(role: role, relationships: [.emergencyAccess], action: action).isAllowed, "\(role) \(action)")
            }
            // Without it, the chart stays hidden (404), as before.
            #expect(AccessPolicy.decide(role: role, relationships: [], action: .read) == .hidden)
        }
        // A use the user's own relationship allows is not an emergency use.
        #expect(!AccessPolicy.isEmergencyUse(role: .clinician, relationships: [.careTeam, .emergencyAccess], action: .read))
    }

    @Test func listsDoNotFollowAnEmergencyAccess() {
        #expect(AccessPolicy.relationships(granting: .read, to: .clinician) == [.careTeam])
        #expect(AccessPolicy.relationships(granting: .read, to: .caseManager) == [.caseManager, .careTeam])
    }

    @Test func itLastsTheAgencysHoursAndEndsAtOnce() {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let grant = EmergencyAccessGrant(now: now)
        #expect(grant.endsAt == now.addingTimeInterval(4 * 3600)) // the default, 4 hours
        #expect(grant.isOpen(now: now.addingTimeInterval(4 * 3600 - 1)))
        #expect(!grant.isOpen(now: grant.endsAt))
        #expect(grant.state(now: grant.endsAt) == .awaitingReview)
        // The agency's setting is kept within a shift.
        #expect(EmergencyAccessGrant(now: now, hours: 48).endsAt == now.addingTimeInterval(12 * 3600))
        #expect(EmergencyAccessGrant(now: now, hours: 0).endsAt == now.addingTimeInterval(3600))
        var ended = grant
        #expect(ended.endNow(now.addingTimeInterval(60)) == nil)
        #expect(!ended.isOpen(now: now.addingTimeInterval(61)))
        #expect(ended.end == now.addingTimeInterval(60))
        #expect(ended.endNow(now.addingTimeInterval(120)) != nil)
    }

    @Test func aReasonIsRequiredAndReadable() {
        #expect(EmergencyAccess.problem(reason: "") != nil)
        #expect(EmergencyAccess.problem(reason: "   ") != nil)
        #expect(EmergencyAccess.problem(reason: "urgent") != nil) // under 10 characters
        #expect(EmergencyAccess.problem(reason: String(repeating: "a", count: 501)) != nil)
        #expect(EmergencyAccess.problem(reason: "Covering\u{202E} call") != nil) // a right-to-left override
        #expect(EmergencyAccess.problem(reason: "Covering weekend call: patient reports a fall") == nil)
    }

    /// 164.308(a)(1)(ii)(D): each access is reviewed once, with a note.
    @Test func aSupervisorReviewsEachAccessOnceWithANote() {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        var grant = EmergencyAccessGrant(now: now)
        #expect(grant.review(note: "  ", now: now) != nil)
        #expect(grant.state(now: now) == .open)
        #expect(grant.review(note: "Justified: covering call", now: now.addingTimeInterval(5 * 3600)) == nil)
        #expect(grant.state(now: now.addingTimeInterval(5 * 3600)) == .reviewed)
        #expect(grant.review(note: "again", now: now.addingTimeInterval(6 * 3600)) != nil)
    }

    /// 45 CFR 164.528: the access report names actions as a person would.
    @Test func theAccessReportSaysWhatWasDoneInWords() {
        #expect(AuditActionWords.describe("patient.read") == "Opened the chart")
        #expect(AuditActionWords.describe("medication.update") == "Changed medications")
        #expect(AuditActionWords.describe("visit.vitals.read") == "Viewed vital signs")
        #expect(AuditActionWords.describe("careplan.goal.read") == "Viewed care plan goals")
        #expect(AuditActionWords.describe("patient.read", outcome: "denied") == "Refused: Opened the chart")
        #expect(AuditActionWords.describe("patient.emergency_access") == "Opened the chart in an emergency (break the glass)")
        #expect(AuditActionWords.describe("something.odd") == "something.odd")
    }
}
