import Foundation

/// A record paired with the obligation it satisfies.
struct RecordMatch: Sendable {
    var record: ComplianceRecord
    var late: Bool
}

extension RegulatoryClock {
    enum Timing { case early, onTime, late }

    /// Where a record falls against a window: day windows compare agency days, hour windows compare instants — the
    /// visit's when the record has one (an assessment is made at the visit, not when it is signed) — and a record with
    /// only a date counts as on time on the due day.
    func timing(of record: ComplianceRecord, in window: Obligation.Window) -> Timing {
        if window.unit == .hours, let instant = record.visitedAt ?? record.instant {
            if instant < window.opens { return .early }
            return instant < window.due ? .onTime : .late
        }
        if record.date < window.opensDay { return .early }
        return record.date <= window.dueDay ? .onTime : .late
    }

    /// Pairs records with a rule's occurrences, each record used once: on-time records first, then late ones.
    /// An occurrence with a subject (a verbal order) is met only by a record about that subject; a record whose subject
    /// names a period ("period:2", a signed plan of care) meets only that period's occurrence.
    func match(_ records: [ComplianceRecord], to windows: [Obligation.Window], subjects: [String?] = [],
               periods: [Int?] = []) -> [Int: RecordMatch] {
        let subject = { (index: Int) in subjects.indices.contains(index) ? subjects[index] : nil }
        let period = { (index: Int) in periods.indices.contains(index) ? periods[index] : nil }
        let fits = { (record: ComplianceRecord, index: Int) -> Bool in
            if let subject = subject(index) { return record.subject == subject }
            if let named = record.subject, named.hasPrefix("period:"), let number = period(index) { return named == "period:\(number)" }
            return true
        }
        let records = records.sorted { ($0.date, $0.visitedAt ?? $0.instant ?? .distantPast) < ($1.date, $1.visitedAt ?? $1.instant ?? .distantPast) }
        var matches: [Int: RecordMatch] = [:]
        var used = Set<String>()
        for (index, window) in windows.enumerated() {
            guard let record = records.first(where: { !used.contains($0.id) && fits($0, index) && timing(of: $0, in: window) == .onTime }) else { continue }
            matches[index] = RecordMatch(record: record, late: false)
            used.insert(record.id)
        }
        for (index, window) in windows.enumerated() where matches[index] == nil {
            // A late record belongs to this occurrence only until the next occurrence's window opens.
            let nextOpens = windows.dropFirst(index + 1).first?.opensDay
            guard let record = records.first(where: { record in
                !used.contains(record.id) && fits(record, index) && timing(of: record, in: window) == .late
                    && (subject(index) != nil || nextOpens.map { record.date < $0 } ?? true)
            }) else { continue }
            matches[index] = RecordMatch(record: record, late: true)
            used.insert(record.id)
        }
        return matches
    }
}
