/// The outcome of a finished reconciliation: the list the patient takes from now on, what was stopped,
/// and the order text the physician signs.
public struct ReconciledList: Sendable, Hashable, Codable {
    public let transition: TransitionKind
    public let date: CalendarDate
    /// What the patient takes from now on, each in the version decided: the home line kept, or the incoming one adopted.
    public let medications: [MedicationLine]
    /// Home medications stopped.
    public let stopped: [MedicationLine]
    /// Incoming medications the patient will not start.
    public let notStarted: [MedicationLine]
    /// The document the physician signs.
    public let orderText: String
}

extension Reconciliation {
    /// The result, once every line is decided; refuses while any line is open, naming the drugs.
    public func finish() throws(ReconciliationError) -> ReconciledList {
        guard isComplete else { throw .undecided(undecided.map(\.name)) }
        var medications: [MedicationLine] = []
        var stopped: [MedicationLine] = []
        var notStarted: [MedicationLine] = []
        for line in lines {
            switch (line.decision, line.home, line.incoming) {
            case (.keepHome, let home?, _): medications.append(home)
            case (.takeIncoming, _, let incoming?): medications.append(incoming)
            case (.stop, let home?, _): stopped.append(home)
            case (.stop, nil, let incoming?): notStarted.append(incoming)
            default: break
            }
        }
        return ReconciledList(transition: transition, date: date, medications: medications, stopped: stopped,
                              notStarted: notStarted, orderText: orderText)
    }

    /// "Medication reconciliation at resumption of care on 2026-11-20", then one section per outcome
    /// (continue, change, keep despite the incoming list, new, stop, do not start) and the alerts on the resulting list.
    var orderText: String {
        var text = "Medication reconciliation at \(transition.title) on \(date)\n"
        text += "The home medication list was compared with the incoming list line by line; each line was decided as below.\n"
        guard !lines.isEmpty else { return text + "\nNo medications on either list.\n" }
        let sections: [(String, (ReconciliationLine) -> String?)] = [
            ("Continue unchanged", { $0.decision == .keepHome && $0.kind == .unchanged ? Self.entry($0.home, $0) : nil }),
            ("Change", { line in
                guard line.decision == .takeIncoming, case .changed(let what) = line.kind else { return nil }
                return Self.entry(line.incoming, line, extra: "was: \(line.home?.summary ?? ""); " + what.joined(separator: "; "))
            }),
            ("Continue as at home, not as on the incoming list", { line in
                guard line.decision == .keepHome, case .changed(let what) = line.kind else { return nil }
                return Self.entry(line.home, line, extra: "incoming list: \(line.incoming?.summary ?? ""); " + what.joined(separator: "; "))
            }),
            ("Continue, although not on the incoming list", { $0.decision == .keepHome && $0.kind == .discontinued ? Self.entry($0.home, $0) : nil }),
            ("New", { $0.decision == .takeIncoming && $0.kind == .new ? Self.entry($0.incoming, $0) : nil }),
            ("Stop", { $0.decision == .stop && $0.home != nil ? Self.entry($0.home, $0) : nil }),
            ("Do not start", { $0.decision == .stop && $0.home == nil ? Self.entry($0.incoming, $0) : nil }),
        ]
        for (title, render) in sections {
            let entries = lines.compactMap(render)
            if !entries.isEmpty { text += "\n\(title):\n" + entries.map { "- \($0)\n" }.joined() }
        }
        let alerts = remainingAlerts
        if !alerts.isEmpty { text += "\nAlerts on the resulting list:\n" + alerts.map { "- \($0)\n" }.joined() }
        return text
    }

    private static func entry(_ version: MedicationLine?, _ line: ReconciliationLine, extra: String? = nil) -> String {
        var text = version?.summary ?? line.name
        if let extra { text += " (\(extra))" }
        if let note = line.note { text += ". Note: \(note)" }
        return text
    }

    /// High-alert flags on lines that continue, and duplicate flags where both lines continue.
    private var remainingAlerts: [String] {
        let kept = lines.filter { $0.decision != .stop }
        let keptNames = Set(kept.map(\.name))
        return kept.flatMap { line in
            line.flags.compactMap { flag -> String? in
                switch flag {
                case .highAlert: "\(line.name): \(flag)"
                case .duplicateDrug(let other), .duplicateClass(_, let other): keptNames.contains(other) ? "\(line.name): \(flag)" : nil
                }
            }
        }
    }
}
