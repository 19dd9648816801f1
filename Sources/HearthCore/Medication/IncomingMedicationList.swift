import Foundation

/// Another list of medicines typed in for reconciliation (a hospital discharge list, the list at start of care):
/// one medicine per line, "name and strength; dose; route; how often", e.g. "Furosemide 40 mg; 1 tablet; oral; twice a day".
/// Every line must say all four, so each entry can join the profile as it is if the case manager takes it.
public struct IncomingMedicationList: Sendable {
    /// One line that could not be read, with its number and what to write instead.
    public struct LineProblem: Sendable, Hashable, CustomStringConvertible {
        public var line: Int
        public var text: String
        public var problem: String

        public var description: String { "Line \(line) (\"\(text.prefix(60))\"): \(problem)" }
    }

    public private(set) var medications: [Medication] = []
    public private(set) var problems: [LineProblem] = []

    /// Reads the list; blank lines and lines starting with `#` are skipped. `start` is the day the list took effect.
    public init(text: String, start: CalendarDate) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { String($0).trimmingCharacters(in: .whitespacesAndNewlines) }
        for (index, line) in lines.enumerated() where !line.isEmpty && !line.hasPrefix("#") {
            switch Self.medication(line, start: start) {
            case .success(let medication): medications.append(medication)
            case .failure(let problem): problems.append(LineProblem(line: index + 1, text: line, problem: problem.message))
            }
        }
    }

    private struct Problem: Error { var message: String }

    private static func medication(_ line: String, start: CalendarDate) -> Result<Medication, Problem> {
        let parts = line.split(separator: ";", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count >= 4 else {
            return .failure(Problem(message: "write four parts separated by semicolons: name and strength; dose; route; how often."))
        }
        let (name, strength) = splitStrength(parts[0])
        guard !name.isEmpty else { return .failure(Problem(message: "the medicine's name is missing.")) }
        guard let dose = MedicationDose.parse(parts[1]) else {
            return .failure(Problem(message: "the dose \"\(parts[1])\" needs an amount and a unit, e.g. 1 tablet or 5 mg."))
        }
        guard let route = MedicationRoute.parse(parts[2]) else {
            return .failure(Problem(message: "the route \"\(parts[2])\" is not one Hearth knows; write e.g. oral, subcutaneous, inhaled, topical."))
        }
        let frequency = parts[3...].joined(separator: "; ")
        guard let schedule = MedicationSchedule.parse(frequency) else {
            return .failure(Problem(message: "how often (\"\(frequency)\") is unclear; write e.g. twice a day, every 8 hours, at bedtime, as needed for pain."))
        }
        return .success(Medication(name: name, strength: strength, dose: dose, route: route, schedule: schedule, start: start,
                                   administeredBy: .patient))
    }

    /// "Metoprolol succinate ER 25 mg" → ("Metoprolol succinate ER", "25 mg"): the strength starts at the first number.
    public static func splitStrength(_ text: String) -> (name: String, strength: String?) {
        let words = text.split(separator: " ").map(String.init)
        guard let index = words.firstIndex(where: { $0.first?.isNumber == true }), index > 0 else { return (text, nil) }
        return (words[..<index].joined(separator: " "), words[index...].joined(separator: " "))
    }
}
