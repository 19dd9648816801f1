import Foundation

extension MedicationSchedule {
    /// Reads a frequency as hospital lists and prescriptions write it: "BID", "daily", "q6h prn pain",
    /// "every 4-6 hours as needed for pain, max 4 doses/day", "once a week", "twice a day (08:00, 20:00)".
    /// Nil when no frequency can be recognised; the caller keeps the text as typed.
    public static func parse(_ text: String) -> MedicationSchedule? {
        var words = Self.words(text)
        guard !words.isEmpty else { return nil }
        var schedule = MedicationSchedule()
        schedule.times = Self.clockTimes(in: text)
        var recognised = !schedule.times.isEmpty
        if let prn = Self.asNeededPart(&words) {
            schedule.asNeeded = true
            schedule.indication = prn.isEmpty ? nil : prn
            recognised = true
        }
        let phrase = " " + words.joined(separator: " ") + " "
        if let max = Self.number(after: ["max", "maximum", "not to exceed", "no more than", "up to", "at most"], in: phrase) {
            schedule.maxDosesPerDay = max
            recognised = true
        }
        if let hours = Self.everyHours(in: phrase) {
            if hours > 24 && hours % 24 == 0 { schedule.everyDays = hours / 24 } else { schedule.everyHours = hours }
            recognised = true
        } else if let days = Self.everyDays(in: phrase) {
            schedule.everyDays = days
            recognised = true
        }
        if schedule.everyHours == nil, let count = Self.timesPerDay(in: phrase) {
            if schedule.asNeeded {
                // "BID PRN", "at bedtime as needed": up to so many times a day when needed, not a schedule.
                schedule.maxDosesPerDay = schedule.maxDosesPerDay ?? count
            } else if schedule.everyDays == nil || count > 1 {
                schedule.timesPerDay = count
            }
            recognised = true
        }
        if schedule.timesPerDay == nil, schedule.everyHours == nil, schedule.everyDays == nil, schedule.times.count > 0 {
            schedule.timesPerDay = schedule.times.count
        }
        return recognised ? schedule : nil
    }

    /// Lower case, periods dropped ("b.i.d." → "bid"), "/" and "," as spaces, "q6h" split to "q 6 h".
    private static func words(_ text: String) -> [String] {
        var cleaned = ""
        var previous: Character = " "
        for character in text.lowercased().replacingOccurrences(of: ".", with: "") {
            if character == "-" {
                cleaned += " - "
                previous = " "
                continue
            }
            let c: Character = ",;()/:".contains(character) ? " " : character
            if (c.isNumber && previous.isLetter) || (c.isLetter && previous.isNumber) { cleaned.append(" ") }
            cleaned.append(c)
            previous = c
        }
        return cleaned.split(separator: " ").map(String.init)
    }

    private static func clockTimes(in text: String) -> [TimeOfDay] {
        text.split { $0 == " " || $0 == "," || $0 == "(" || $0 == ")" || $0 == ";" }
            .filter { $0.contains(":") }
            .compactMap { TimeOfDay(String($0)) }
            .sorted()
    }

    /// Removes "prn …" / "as needed for …" from the words and returns the reason ("" when none is given).
    private static func asNeededPart(_ words: inout [String]) -> String? {
        let start: Int
        let skip: Int
        if let index = words.firstIndex(of: "prn") {
            (start, skip) = (index, 1)
        } else if let index = words.indices.first(where: { words[$0] == "as" && $0 + 1 < words.count && words[$0 + 1] == "needed" }) {
            (start, skip) = (index, 2)
        } else {
            return nil
        }
        var reason = Array(words[(start + skip)...])
        if reason.first == "for" { reason.removeFirst() }
        // The reason stops where a limit or an interval begins: "prn pain, max 4 a day".
        let stops: Set = ["max", "maximum", "not", "no", "up", "at", "every", "q", "daily", "bid", "tid", "qid"]
        if let end = reason.firstIndex(where: { stops.contains($0) }) {
            words = Array(words[..<start]) + Array(reason[end...])
            reason = Array(reason[..<end])
        } else {
            words = Array(words[..<start])
        }
        return reason.joined(separator: " ")
    }

    private static func number(after phrases: [String], in phrase: String) -> Int? {
        for lead in phrases {
            guard let range = phrase.range(of: " \(lead) ") else { continue }
            let rest = phrase[range.upperBound...].split(separator: " ")
            if let first = rest.first, let value = Int(first), (1...24).contains(value) { return value }
        }
        return nil
    }

    /// "q 6 h", "every 6 hours", "q 4 - 6 h" (the shorter gap), "every 72 hours".
    private static func everyHours(in phrase: String) -> Int? {
        let tokens = phrase.split(separator: " ").map(String.init)
        for (index, token) in tokens.enumerated() where token == "q" || token == "every" {
            var rest = Array(tokens[(index + 1)...])
            guard let hours = rest.first.flatMap({ Int($0) }) else { continue }
            rest.removeFirst()
            if rest.first == "-" || rest.first == "to", rest.count > 1, Int(rest[1]) != nil { rest.removeFirst(2) }
            if let unit = rest.first, ["h", "hr", "hrs", "hour", "hours"].contains(unit), (1...168).contains(hours) { return hours }
        }
        return nil
    }

    private static func everyDays(in phrase: String) -> Int? {
        let fixed: [(String, Int)] = [
            (" every other day ", 2), (" qod ", 2), (" weekly ", 7), (" once a week ", 7), (" every week ", 7), (" q week ", 7),
            (" qwk ", 7), (" once weekly ", 7), (" every 2 weeks ", 14), (" monthly ", 30), (" every month ", 30), (" once a month ", 30),
        ]
        if let match = fixed.first(where: { phrase.contains($0.0) }) { return match.1 }
        let tokens = phrase.split(separator: " ").map(String.init)
        for (index, token) in tokens.enumerated() where (token == "every" || token == "q") && index + 2 < tokens.count {
            if let days = Int(tokens[index + 1]), ["days", "day", "d"].contains(tokens[index + 2]), (2...365).contains(days) { return days }
        }
        return nil
    }

    private static func timesPerDay(in phrase: String) -> Int? {
        let words: [(String, Int)] = [
            (" qid ", 4), (" four times ", 4), (" tid ", 3), (" three times ", 3), (" bid ", 2), (" twice ", 2), (" two times ", 2),
            (" daily ", 1), (" qd ", 1), (" once ", 1), (" every day ", 1), (" qam ", 1), (" qpm ", 1), (" qhs ", 1), (" hs ", 1),
            (" at bedtime ", 1), (" nightly ", 1), (" every morning ", 1), (" every evening ", 1), (" every night ", 1),
            (" in the morning ", 1), (" at night ", 1),
        ]
        let tokens = phrase.split(separator: " ").map(String.init)
        for (index, token) in tokens.enumerated() where index + 2 < tokens.count && ["times", "x"].contains(tokens[index + 1]) {
            if let count = Int(token), (1...24).contains(count), ["a", "per", "daily", "day"].contains(tokens[index + 2]) { return count }
        }
        return words.first { phrase.contains($0.0) }?.1
    }
}
