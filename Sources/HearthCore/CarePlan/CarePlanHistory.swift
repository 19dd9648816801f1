import Foundation

/// One saved version of a care plan: its content, who saved it, when (an instant, UTC) and why.
public struct CarePlanVersion: Sendable, Hashable, Codable {
    public var number: Int
    public var content: CarePlanContent
    public var savedBy: String
    public var savedAt: Date
    public var note: String?

    public init(number: Int, content: CarePlanContent, savedBy: String, savedAt: Date, note: String? = nil) {
        self.number = number
        self.content = content
        self.savedBy = savedBy
        self.savedAt = savedAt
        self.note = note
    }
}

/// An episode's care plan over time. Every change is a new version; no version is edited or removed,
/// so what a physician signed stays readable next to what came after.
public struct CarePlanHistory: Sendable, Equatable {
    public private(set) var versions: [CarePlanVersion]

    /// Rebuilds from stored versions, oldest first.
    public init(versions: [CarePlanVersion] = []) {
        self.versions = versions.sorted { $0.number < $1.number }
    }

    public var current: CarePlanVersion? { versions.last }

    public func version(_ number: Int) -> CarePlanVersion? { versions.first { $0.number == number } }

    /// Saves `content` as the next version; refuses a plan with issues in `period`, or one identical to the current version.
    @discardableResult
    public mutating func save(_ content: CarePlanContent, in period: CertificationPeriod, by person: String, at instant: Date,
                              note: String? = nil) throws(CarePlanHistoryError) -> CarePlanVersion {
        let person = person.trimmed
        guard !person.isEmpty else { throw .authorRequired }
        let issues = content.issues(in: period)
        guard issues.isEmpty else { throw .invalid(issues) }
        if let current, current.content == content { throw .nothingChanged(version: current.number) }
        let note = note?.trimmed
        let version = CarePlanVersion(number: (current?.number ?? 0) + 1, content: content, savedBy: person, savedAt: instant,
                                      note: note?.isEmpty == false ? note : nil)
        versions.append(version)
        return version
    }

    /// What changed from version `old` to version `new`.
    public func diff(from old: Int, to new: Int) throws(CarePlanHistoryError) -> CarePlanDiff {
        guard let before = version(old) else { throw .noSuchVersion(old) }
        guard let after = version(new) else { throw .noSuchVersion(new) }
        return CarePlanDiff(from: before.content, to: after.content)
    }

    /// What the latest version changed from the one before; empty for the first version.
    public var latestChanges: CarePlanDiff {
        guard versions.count >= 2 else { return CarePlanDiff(from: .init(), to: current?.content ?? .init()) }
        return CarePlanDiff(from: versions[versions.count - 2].content, to: versions[versions.count - 1].content)
    }
}

/// Why a care-plan version was not saved or compared; nothing was changed.
public enum CarePlanHistoryError: Error, Sendable, Equatable, CustomStringConvertible {
    case authorRequired
    case invalid([String: String])
    case nothingChanged(version: Int)
    case noSuchVersion(Int)

    public var description: String {
        switch self {
        case .authorRequired: "Sign in as the person making the change, then save."
        case .invalid(let issues):
            "The plan cannot be saved: " + issues.sorted { $0.key < $1.key }.map(\.value).joined(separator: " ")
        case .nothingChanged(let version): "Nothing changed since version \(version); there is no new version to save."
        case .noSuchVersion(let number): "There is no version \(number) of this care plan. Choose a version from the list."
        }
    }
}
