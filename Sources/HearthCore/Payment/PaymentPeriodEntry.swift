/// What the case manager recorded for one 30-day period: the case-mix group from the grouper, the LUPA threshold
/// (typed, or looked up from the group), and the admission source when it differs from what Hearth derives.
public struct PaymentPeriodEntry: Sendable, Equatable {
    public var caseMixGroup: String?
    public var lupaThreshold: Int?
    /// Where the threshold came from: "CY 2026 table for 2HA11" or "recorded by Ana Ruiz, RN".
    public var thresholdSource: String?
    public var admissionSource: AdmissionSource?

    public init(caseMixGroup: String? = nil, lupaThreshold: Int? = nil, thresholdSource: String? = nil, admissionSource: AdmissionSource? = nil) {
        self.caseMixGroup = caseMixGroup
        self.lupaThreshold = lupaThreshold
        self.thresholdSource = thresholdSource
        self.admissionSource = admissionSource
    }
}

/// The payment period form as typed; `entry(…)` checks it and answers with a message by each bad field.
public struct PaymentPeriodDraft: Sendable, Equatable {
    public var caseMixGroup: String
    public var lupaThreshold: String
    public var admissionSource: String

    public init(caseMixGroup: String = "", lupaThreshold: String = "", admissionSource: String = "") {
        self.caseMixGroup = caseMixGroup
        self.lupaThreshold = lupaThreshold
        self.admissionSource = admissionSource
    }

    /// The entry, with the threshold looked up from `table` when only the group was given; or field → message.
    public func entry(table: LUPAThresholds, recordedBy: String) -> Result<PaymentPeriodEntry, PaymentPeriodProblems> {
        var problems: [String: String] = [:]
        let group = caseMixGroup.trimmingCharacters(in: .whitespacesAndNewlines).uppercased()
        if !group.isEmpty && (group.count > 12 || !group.allSatisfy { $0.isLetter || $0.isNumber }) {
            problems["caseMixGroup"] = "Enter the case-mix group as the grouper gives it (letters and digits, e.g. 1FC11), or leave it blank."
        }
        let typed = lupaThreshold.trimmingCharacters(in: .whitespacesAndNewlines)
        var threshold: Int?, source: String?
        if !typed.isEmpty {
            if let visits = Int(typed), (LUPAThresholds.minimumThreshold...30).contains(visits) {
                threshold = visits
                source = "recorded by \(recordedBy)"
            } else {
                problems["lupaThreshold"] = "Enter the LUPA threshold as a number of visits from \(LUPAThresholds.minimumThreshold) to 30, or leave it blank to look it up from the case-mix group."
            }
        } else if !group.isEmpty, let visits = table.threshold(for: group) {
            threshold = visits
            source = "CY \(table.year) LUPA threshold for \(group) (\(table.source))"
        } else if !group.isEmpty {
            problems["lupaThreshold"] = "The CY \(table.year) table shipped with Hearth does not list \(group); enter its LUPA threshold from the grouper."
        }
        var admission: AdmissionSource?
        let sourceText = admissionSource.trimmingCharacters(in: .whitespacesAndNewlines)
        if !sourceText.isEmpty {
            admission = AdmissionSource(rawValue: sourceText)
            if admission == nil { problems["admissionSource"] = "Choose community or institutional, or leave it for Hearth to derive." }
        }
        if group.isEmpty && typed.isEmpty && sourceText.isEmpty && problems.isEmpty {
            problems["lupaThreshold"] = "Enter the case-mix group, the LUPA threshold or the admission source."
        }
        guard problems.isEmpty else { return .failure(PaymentPeriodProblems(byField: problems)) }
        return .success(PaymentPeriodEntry(caseMixGroup: group.isEmpty ? nil : group, lupaThreshold: threshold,
                                           thresholdSource: source, admissionSource: admission))
    }
}

public struct PaymentPeriodProblems: Error, Sendable, Equatable {
    public var byField: [String: String]
}
