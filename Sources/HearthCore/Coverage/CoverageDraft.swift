/// A payer that covers the patient's care, as the intake or case manager records it.
public struct CoverageDraft: Sendable, Equatable {
    /// Which payer is billed first (coordination of benefits).
    public enum Order: Int, Sendable, CaseIterable {
        case primary = 1, secondary, tertiary

        public var title: String {
            switch self {
            case .primary: "Primary"
            case .secondary: "Secondary"
            case .tertiary: "Tertiary"
            }
        }
    }

    public var payer: String
    public var program: PayerProgram?
    public var memberID: String
    public var plan: String
    public var order: Order?
    public var start: CalendarDate?
    public var end: CalendarDate?
    public var typedStart: String
    public var typedEnd: String

    public init(payer: String, program: String, memberID: String, plan: String, order: String, start: String, end: String) {
        self.payer = payer.trimmingCharacters(in: .whitespacesAndNewlines)
        self.program = PayerProgram(rawValue: program)
        self.memberID = memberID.trimmingCharacters(in: .whitespaces).uppercased()
        self.plan = plan.trimmingCharacters(in: .whitespacesAndNewlines)
        self.order = Int(order).flatMap(Order.init(rawValue:))
        typedStart = start.trimmingCharacters(in: .whitespaces)
        typedEnd = end.trimmingCharacters(in: .whitespaces)
        self.start = CalendarDate(typedStart)
        self.end = CalendarDate(typedEnd)
    }

    public var problems: [String: String] {
        var problems: [String: String] = [:]
        if payer.isEmpty || payer.count > 120 { problems["payer"] = "Name the payer, e.g. Medicare Part A (at most 120 characters)." }
        if program == nil { problems["program"] = "Choose the kind of payer: traditional Medicare, Medicare Advantage, Medicaid, commercial or other." }
        if memberID.isEmpty || memberID.count > 40 || !memberID.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) {
            problems["memberID"] = "Enter the member id from the card: letters, digits and dashes."
        }
        if order == nil { problems["order"] = "Choose primary, secondary or tertiary." }
        if !typedStart.isEmpty && start == nil { problems["start"] = "Enter the start as YYYY-MM-DD, or leave it empty." }
        if !typedEnd.isEmpty && end == nil { problems["end"] = "Enter the end as YYYY-MM-DD, or leave it empty." }
        if let start, let end, end < start { problems["end"] = "Coverage cannot end before it starts." }
        return problems
    }
}
