/// The kind of program that pays for a patient's care. Billing rules follow the program, not the payer's name:
/// the Notice of Admission is owed for traditional Medicare (fee-for-service) only [42 CFR 484.205(j)], not for a
/// Medicare Advantage plan, which is paid under Part C [42 CFR 422].
public enum PayerProgram: String, Sendable, CaseIterable, Comparable {
    /// Original Medicare, Parts A and B, paid fee-for-service under the home health PPS.
    case medicare
    /// A Medicare Advantage (Part C) plan.
    case medicareAdvantage = "medicare_advantage"
    /// State Medicaid, fee-for-service or managed.
    case medicaid
    case commercial
    /// Veterans' benefits, workers' compensation, self-pay, charity.
    case other

    public var title: String {
        switch self {
        case .medicare: "Medicare (traditional, fee-for-service)"
        case .medicareAdvantage: "Medicare Advantage"
        case .medicaid: "Medicaid"
        case .commercial: "Commercial insurance"
        case .other: "Other (VA, workers' compensation, self-pay)"
        }
    }

    /// A short name for lists and explanations.
    public var shortTitle: String {
        switch self {
        case .medicare: "traditional Medicare"
        case .medicareAdvantage: "Medicare Advantage"
        case .medicaid: "Medicaid"
        case .commercial: "commercial insurance"
        case .other: "other payers"
        }
    }

    /// The program a payer recorded before programs were kept most likely is, read from its name; for existing rows only.
    public static func inferred(fromPayer name: String) -> PayerProgram {
        let name = name.lowercased()
        if name.contains("advantage") || name.contains("part c") { return .medicareAdvantage }
        if name.contains("medicare") { return .medicare }
        if name.contains("medicaid") || name.contains("medi-cal") { return .medicaid }
        if name.contains("self") || name.contains("veteran") || name.contains("workers") { return .other }
        return .commercial
    }

    public static func < (lhs: PayerProgram, rhs: PayerProgram) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
