import Foundation

/// A record paired with the obligation it satisfies.
struct RecordMatch: Sendable {
    var record: ComplianceRecord
    var late: Bool
}

extension RegulatoryClock {
    enum Timing { case early, onTime, late }

    /// Where a record falls against a window: day windows compare agency days, hour windows compare instants
    /// (a record with only a date counts as on time on the due day).
    func timing(of record: ComplianceRecord, in window: Obligation.Window) -> Timing {
        if window.unit == .hours, let instant = record.instant {
            if instant < window.opens { return .early }
            return instant < window.due ? .onTime : .late
        }
        if record.date < window.opensDay { return .early }
        return record.date <= window.dueDay ? .onTime : .late
    }

    /// Pairs records with a rule's occurrences, each record used once: on-time records first, then late ones.
    func match(_ records: [ComplianceRecord], to windows: [Obligation.Window]) -> [Int: RecordMatch] {
        let records = records.sorted { ($0.date, $0.instant ?? .distantPast) < ($1.date, $1.instant ?? .distantPast) }
        var matches: [Int: RecordMatch] = [:]
        var used = Set<String>()
        for (index, window) in windows.enumerated() {
            guard let record = records.first(where: { !used.contains($0.id) && timing(of: $0, in: window) == .onTime }) else { continue }
            matches[index] = RecordMatch(record: record, late: false)
            used.insert(record.id)
        }
        for (index, window) in windows.enumerated() where matches[index] == nil {
            // A late record belongs to this occurrence only until the next occurrence's window opens.
            let nextOpens = windows.dropFirst(index + 1).first?.opensDay
            guard let record = records.first(where: { record in
                !used.contains(record.id) && timing(of: record, in: window) == .late && nextOpens.map { record.date < $0 } ?? true
            }) else { continue }
            matches[index] = RecordMatch(record: record, late: true)
            used.insert(record.id)
        }
        return matches
    }
}
