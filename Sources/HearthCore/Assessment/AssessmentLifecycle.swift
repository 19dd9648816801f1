import Foundation

/// Where one version of an assessment stands.
public enum AssessmentStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// Being filled in; may be edited.
    case draft
    /// Signed and locked; the version in force.
    case signed
    /// Signed and locked, but corrected by a later signed amendment; kept so both stay visible.
    case amended

    public var title: String {
        switch self {
        case .draft: "Draft"
        case .signed: "Signed"
        case .amended: "Amended (see later version)"
        }
    }
}

/// Who signed a version, and when (an instant, stored in UTC).
public struct AssessmentSignature: Sendable, Hashable, Codable {
    public var signedBy: String
    public var signedAt: Date

    public init(signedBy: String, signedAt: Date) {
        self.signedBy = signedBy
        self.signedAt = signedAt
    }
}

/// One version of an assessment: the original (1) or an amendment that corrects an earlier signed version.
public struct AssessmentVersion: Sendable, Hashable, Codable {
    public var number: Int
    /// The version this one corrects; nil for the original.
    public var amends: Int?
    public var amendmentReason: String?
    public var status: AssessmentStatus
    public var signature: AssessmentSignature?

    public init(number: Int, amends: Int? = nil, amendmentReason: String? = nil, status: AssessmentStatus = .draft,
                signature: AssessmentSignature? = nil) {
        self.number = number
        self.amends = amends
        self.amendmentReason = amendmentReason
        self.status = status
        self.signature = signature
    }

    public var isLocked: Bool { status != .draft }
}

/// The rules for an assessment record: edit only a draft, sign once with no problems, correct by amendment with a reason.
/// A refused move changes nothing.
public struct AssessmentLifecycle: Sendable, Equatable {
    public private(set) var versions: [AssessmentVersion]

    /// A new assessment: version 1, draft.
    public init() {
        versions = [AssessmentVersion(number: 1)]
    }

    /// Rebuilds from stored versions (oldest first); an empty list is a new assessment.
    public init(versions: [AssessmentVersion]) {
        self.versions = versions.isEmpty ? [AssessmentVersion(number: 1)] : versions.sorted { $0.number < $1.number }
    }

    /// The newest version: the draft being edited, or the latest signed one.
    public var current: AssessmentVersion { versions[versions.count - 1] }

    /// The signed version whose answers count (scores, findings, the chart), if any.
    public var inForce: AssessmentVersion? { versions.last { $0.status == .signed } }

    /// Throws unless the current version is a draft that may be changed.
    public func checkEditable() throws(AssessmentLifecycleError) {
        guard current.status == .draft else { throw .locked(version: current.number, signedBy: current.signature?.signedBy ?? "") }
    }

    /// Signs the current draft. `problems` is `InstrumentDefinition.problems(_:forSigning: true)` merged over the instruments used.
    public mutating func sign(by signer: String, at instant: Date, problems: [String: String]) throws(AssessmentLifecycleError) {
        let signer = signer.trimmingCharacters(in: .whitespacesAndNewlines)
        guard current.status == .draft else { throw .alreadySigned(version: current.number, signedBy: current.signature?.signedBy ?? "") }
        guard !signer.isEmpty else { throw .signerRequired }
        guard problems.isEmpty else { throw .unresolvedProblems(count: problems.count) }
        let index = versions.count - 1
        if let corrected = versions[index].amends, let old = versions.firstIndex(where: { $0.number == corrected }) {
            versions[old].status = .amended
        }
        versions[index].status = .signed
        versions[index].signature = AssessmentSignature(signedBy: signer, signedAt: instant)
    }

    /// Starts a correction of the signed version: a new draft version that references it. Both stay.
    /// The app copies the signed answers into the new draft.
    @discardableResult
    public mutating func amend(reason: String) throws(AssessmentLifecycleError) -> AssessmentVersion {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard current.status != .draft else {
            throw current.amends == nil ? .notSignedYet : .amendmentInProgress(version: current.number)
        }
        guard !reason.isEmpty else { throw .amendmentReasonRequired }
        let amendment = AssessmentVersion(number: current.number + 1, amends: current.number, amendmentReason: reason)
        versions.append(amendment)
        return amendment
    }

    /// Drops an unsigned amendment, leaving the signed version in force; the original draft cannot be discarded this way.
    public mutating func discardAmendment() throws(AssessmentLifecycleError) {
        guard current.status == .draft, current.amends != nil else { throw .noAmendmentInProgress }
        versions.removeLast()
    }
}

/// Why a change to an assessment was refused, and what to do instead.
public enum AssessmentLifecycleError: Error, Sendable, Equatable, CustomStringConvertible {
    case locked(version: Int, signedBy: String)
    case alreadySigned(version: Int, signedBy: String)
    case signerRequired
    case unresolvedProblems(count: Int)
    case notSignedYet
    case amendmentReasonRequired
    case amendmentInProgress(version: Int)
    case noAmendmentInProgress

    public var description: String {
        switch self {
        case .locked(let version, let signer):
            "Version \(version) was signed\(Self.by(signer)) and is locked. To correct it, start an amendment and give the reason."
        case .alreadySigned(let version, let signer):
            "Version \(version) is already signed\(Self.by(signer)); it cannot be signed again. To change it, start an amendment."
        case .signerRequired:
            "Sign in as the clinician who completed the assessment, then sign."
        case .unresolvedProblems(let count):
            "\(count) answer\(count == 1 ? " needs" : "s need") attention before signing. Fix the questions marked, then sign."
        case .notSignedYet:
            "This assessment is still a draft: edit it directly. Amendments are for signed assessments."
        case .amendmentReasonRequired:
            "Give the reason for the amendment: what is being corrected and why."
        case .amendmentInProgress(let version):
            "Amendment version \(version) is already open. Finish and sign it, or discard it, before starting another."
        case .noAmendmentInProgress:
            "There is no open amendment to discard."
        }
    }

    private static func by(_ signer: String) -> String { signer.isEmpty ? "" : " by \(signer)" }
}
