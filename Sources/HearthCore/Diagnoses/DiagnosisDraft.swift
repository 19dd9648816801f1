/// A diagnosis as a case manager enters it, checked before saving.
///
/// Only the code is typed: the description recorded is always the official ICD-10-CM one, because that is what the
/// plan of care (CMS-485 items 11 and 13) and the claim carry, and a description that drifts from its code misleads
/// whoever reads the chart next. Detail beyond the code (which heel, which wound) belongs in the assessment or visit note.
public struct DiagnosisDraft: Sendable, Equatable {
    public enum Rank: String, Sendable, CaseIterable {
        /// The chief reason for home health services (one per patient; CMS-485 item 11).
        case primary
        case secondary
    }

    public var code: ICD10Code?
    public var typedCode: String
    public var rank: Rank?
    public var onset: CalendarDate?
    public var typedOnset: String

    public init(code: String, rank: String, onset: String) {
        typedCode = code.trimmingCharacters(in: .whitespaces)
        self.code = ICD10Code(typedCode)
        self.rank = Rank(rawValue: rank)
        typedOnset = onset.trimmingCharacters(in: .whitespaces)
        self.onset = CalendarDate(typedOnset)
    }

    /// A diagnosis ready to record: a billable code with its official description.
    public struct Coded: Sendable, Equatable {
        public var code: ICD10Code
        public var title: String
        public var rank: Rank
        public var onset: CalendarDate?
    }

    public struct Problems: Error, Sendable, Equatable {
        public var byField: [String: String]
    }

    /// Problems by field; `examples` (the home-health quick picks) are preferred when a message suggests a code.
    public func problems(today: CalendarDate, codes: ICD10CodeSet, examples: ICD10Catalog? = nil) -> [String: String] {
        switch coded(today: today, codes: codes, examples: examples) {
        case .success: [:]
        case .failure(let problems): problems.byField
        }
    }

    public func coded(today: CalendarDate, codes: ICD10CodeSet, examples: ICD10Catalog? = nil) -> Result<Coded, Problems> {
        var problems: [String: String] = [:]
        var entry: ICD10CodeSet.Entry?
        if typedCode.isEmpty {
            problems["code"] = "Enter the ICD-10-CM code from the referral or the physician's order, e.g. I50.9."
        } else if let code {
            switch codes.check(code, examples: examples) {
            case .success(let found): entry = found
            case .failure(let problem): problems["code"] = problem.description
            }
        } else {
            problems["code"] = "Enter an ICD-10-CM code such as I50.9 (a letter, a digit, a letter or digit, then up to four after the dot)."
        }
        if rank == nil { problems["rank"] = "Choose primary or secondary." }
        if !typedOnset.isEmpty {
            if let onset {
                if onset > today { problems["onset"] = "The onset cannot be in the future." }
            } else {
                problems["onset"] = "Enter the onset date as YYYY-MM-DD, or leave it empty."
            }
        }
        guard problems.isEmpty, let entry, let rank else { return .failure(Problems(byField: problems)) }
        return .success(Coded(code: entry.code, title: entry.title, rank: rank, onset: onset))
    }
}
