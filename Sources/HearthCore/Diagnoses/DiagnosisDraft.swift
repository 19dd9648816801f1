/// A diagnosis as a case manager enters it, checked before saving.
public struct DiagnosisDraft: Sendable, Equatable {
    public enum Rank: String, Sendable, CaseIterable {
        /// The chief reason for home health services (one per patient; CMS-485 item 11).
        case primary
        case secondary
    }

    public var code: ICD10Code?
    public var typedCode: String
    public var title: String
    public var rank: Rank?
    public var onset: CalendarDate?
    public var typedOnset: String

    public init(code: String, title: String, rank: String, onset: String) {
        typedCode = code.trimmingCharacters(in: .whitespaces)
        self.code = ICD10Code(typedCode)
        self.title = title.trimmingCharacters(in: .whitespacesAndNewlines)
        self.rank = Rank(rawValue: rank)
        typedOnset = onset.trimmingCharacters(in: .whitespaces)
        self.onset = CalendarDate(typedOnset)
    }

    /// Problems by field; `knownTitle` is the code list's title for the code, when it has one.
    public func problems(today: CalendarDate, knownTitle: String?) -> [String: String] {
        var problems: [String: String] = [:]
        if code == nil {
            problems["code"] = "Enter an ICD-10-CM code such as I50.9 (a letter, two characters, then up to four after the dot)."
        } else if title.isEmpty && knownTitle == nil {
            problems["title"] = "This code is not in Hearth's list: type its description."
        }
        if title.count > 250 { problems["title"] = "Use at most 250 characters." }
        if rank == nil { problems["rank"] = "Choose primary or secondary." }
        if !typedOnset.isEmpty {
            if let onset {
                if onset > today { problems["onset"] = "The onset cannot be in the future." }
            } else {
                problems["onset"] = "Enter the onset date as YYYY-MM-DD, or leave it empty."
            }
        }
        return problems
    }
}
