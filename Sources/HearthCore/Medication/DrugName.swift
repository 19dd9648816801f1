import Foundation

/// A drug name as typed on a list, taken apart for matching only (the name shown is never changed):
/// "metoprolol succinate (TOPROL-XL) 25 MG 24 hr tablet" → words [metoprolol, succinate], salt succinate,
/// extended release, strength "25 mg", alternative name "toprol" (from the brackets).
/// Keys sort the words, so "hydrocodone/acetaminophen", "acetaminophen-hydrocodone" and "NPH insulin" / "insulin NPH" agree.
struct DrugName: Sendable, Hashable {
    /// Immediate, extended (ER, XL, SR, 24 hr…) or delayed (DR, EC) release, when the name says so.
    enum Release: String, Sendable, Hashable, Codable {
        case immediate, extended, delayed

        var title: String { rawValue + " release" }
    }

    /// Words naming the drug, in order, salts included.
    private(set) var words: [String] = []
    /// Salt or ester words after the first word ("tartrate", "sodium", "HCl").
    private(set) var salts: [String] = []
    private(set) var release: Release?
    /// The first strength in the name, normalised: "25 mg", "5/325 mg", "100 units/mL".
    private(set) var strength: String?
    /// Words of a name in brackets, which Epic-style lists use for the brand: "furosemide (LASIX)".
    private(set) var alternative: [String] = []

    init(_ text: String) {
        var main = ""
        var inner = ""
        var depth = 0
        for character in text {
            if character == "(" || character == "[" { depth += 1; inner.append(" "); continue }
            if character == ")" || character == "]" { depth = max(0, depth - 1); main.append(" "); continue }
            if depth > 0 { inner.append(character) } else { main.append(character) }
        }
        (words, salts, release, strength) = Self.parse(Self.tokens(main))
        let bracketed = Self.parse(Self.tokens(inner))
        alternative = bracketed.words
        release = release ?? bracketed.release
        strength = strength ?? bracketed.strength
    }

    /// Nothing left to match on.
    var isEmpty: Bool { words.isEmpty && alternative.isEmpty }

    /// No salt and no release form: a plain name, "metformin".
    var isPlain: Bool { salts.isEmpty && release == nil }

    /// Lookup keys, most exact first: the words as given, then without bare numbers ("ASA 81"), then without salts.
    var keys: [String] {
        var keys: [String] = []
        for list in [words, alternative] where !list.isEmpty {
            let loose = list.filter { !Self.isNumber($0) }
            let stripped = list.filter { !salts.contains($0) }
            for candidate in [list, loose, stripped, stripped.filter { !Self.isNumber($0) }] where !candidate.isEmpty {
                let key = candidate.sorted().joined(separator: " ")
                if !keys.contains(key) { keys.append(key) }
            }
        }
        return keys
    }

    /// The key used when nothing else matches: the words without salts (unless only salts remain).
    var nameKey: String {
        let list = words.isEmpty ? alternative : words
        let stripped = list.filter { !salts.contains($0) && !Self.isNumber($0) }
        return (stripped.isEmpty ? list : stripped).sorted().joined(separator: " ")
    }

    // MARK: Taking a name apart

    /// Splits on spaces and punctuation; keeps "0.5", "50,000", "70/30" and "5-325" (as "5/325") whole;
    /// splits "25mg" but not "B12"; drops periods and apostrophes ("b.i.d." → "bid"); keeps "/" and "%" as tokens.
    static func tokens(_ text: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        let characters = Array(text.lowercased())
        func flush() {
            if !current.isEmpty { tokens.append(current) }
            current = ""
        }
        for (index, c) in characters.enumerated() {
            let previous = index > 0 ? characters[index - 1] : " "
            let next = index + 1 < characters.count ? characters[index + 1] : " "
            if c.isLetter {
                if current.last?.isNumber == true { flush() }
                current.append(c)
            } else if c.isNumber {
                current.append(c)
            } else if (c == "." || c == ",") && previous.isNumber && next.isNumber {
                current.append(c)
            } else if (c == "/" || c == "-") && previous.isNumber && next.isNumber {
                current.append("/")
            } else if c == "/" || c == "%" {
                flush()
                tokens.append(String(c))
            } else if c == "." || c == "'" || c == "’" {
                continue
            } else {
                flush()
            }
        }
        flush()
        return tokens
    }

    private static func parse(_ tokens: [String]) -> (words: [String], salts: [String], release: Release?, strength: String?) {
        var words: [String] = []
        var salts: [String] = []
        var release: Release?
        var strength: String?
        var index = 0
        while index < tokens.count {
            let token = tokens[index]
            let next = index + 1 < tokens.count ? tokens[index + 1] : ""
            if let (text, end) = Self.strength(in: tokens, at: index) {
                strength = strength ?? text
                index = end
                continue
            }
            index += 1
            if (token == "12" || token == "24") && ["h", "hr", "hrs", "hour", "hours"].contains(next) || token == "long" && next == "acting" {
                release = .extended
                index += 1
            } else if let form = releaseWords[token] {
                release = release == .extended ? .extended : form
            } else if token == "/" || token == "%" || noise.contains(token) || token.isSigInterval {
                continue
            } else if !words.isEmpty && saltWords.contains(token) {
                words.append(token)
                salts.append(token)
            } else {
                words.append(token)
            }
        }
        return (words, salts, release, strength)
    }

    /// A number followed by a unit ("25 mg", "100 units / ml", "5 mg / 5 ml"); the text and the index after it.
    private static func strength(in tokens: [String], at index: Int) -> (String, Int)? {
        guard isNumber(tokens[index]), index + 1 < tokens.count, let unit = strengthUnits[tokens[index + 1]] else { return nil }
        let amount = tokens[index].split(separator: "/").map { part in
            Decimal(string: part.replacingOccurrences(of: ",", with: ""), locale: Locale(identifier: "en_US_POSIX"))
                .map(MedicationDose.text) ?? String(part)
        }.joined(separator: "/")
        var text = unit == "%" ? "\(amount)%" : "\(amount) \(unit)"
        var end = index + 2
        if end + 1 < tokens.count, tokens[end] == "/" {
            var cursor = end + 1
            var per = ""
            if isNumber(tokens[cursor]), cursor + 1 < tokens.count {
                per = tokens[cursor] + " "
                cursor += 1
            }
            if let denominator = denominatorUnits[tokens[cursor]] {
                text += "/" + per + denominator
                end = cursor + 1
            }
        }
        return (text, end)
    }

    static func isNumber(_ token: String) -> Bool {
        token.first?.isNumber == true && token.allSatisfy { $0.isNumber || $0 == "." || $0 == "," || $0 == "/" }
    }

    private static let strengthUnits: [String: String] = [
        "mg": "mg", "mcg": "mcg", "µg": "mcg", "ug": "mcg", "g": "g", "gm": "g", "ml": "mL", "unit": "units", "units": "units",
        "iu": "units", "meq": "mEq", "mmol": "mmol", "%": "%",
    ]

    private static let denominatorUnits: [String: String] = [
        "ml": "mL", "l": "L", "hr": "hr", "h": "hr", "act": "actuation", "actuation": "actuation", "dose": "dose", "spray": "spray",
        "g": "g", "tab": "tablet", "tablet": "tablet", "24hr": "24 hr",
    ]

    private static let releaseWords: [String: Release] = [
        "er": .extended, "xr": .extended, "xl": .extended, "sr": .extended, "cr": .extended, "la": .extended, "cd": .extended,
        "xt": .extended, "cc": .extended, "extended": .extended, "sustained": .extended, "controlled": .extended,
        "dr": .delayed, "ec": .delayed, "delayed": .delayed, "enteric": .delayed,
        "ir": .immediate, "immediate": .immediate,
    ]

    /// Salt and ester words: stripped for matching only, and only after the first word ("potassium chloride" keeps its name).
    static let saltWords: Set<String> = [
        "tartrate", "succinate", "hcl", "hydrochloride", "sodium", "potassium", "calcium", "magnesium", "besylate", "maleate",
        "mesylate", "citrate", "sulfate", "bisulfate", "phosphate", "bromide", "acetate", "fumarate", "hyclate", "monohydrate",
        "dihydrate", "trihydrate", "bitartrate", "hydrobromide", "pamoate", "propionate", "dipropionate", "furoate", "xinafoate",
        "decanoate", "gluconate", "carbonate", "lactate", "mofetil", "disodium", "anhydrous", "tromethamine", "hemifumarate",
    ]

    /// Dosage forms, devices, routes, sig abbreviations and stray units: never part of what the drug is.
    private static let noise: Set<String> = [
        "tablet", "tablets", "tab", "tabs", "capsule", "capsules", "cap", "caps", "caplet", "caplets", "softgel", "softgels",
        "gelcap", "solution", "soln", "sol", "suspension", "susp", "syrup", "elixir", "liquid", "concentrate", "conc",
        "injection", "inj", "injectable", "infusion", "pen", "pens", "penfill", "flexpen", "kwikpen", "flextouch", "solostar",
        "vial", "vials", "ampule", "syringe", "prefilled", "cartridge", "inhaler", "inhalation", "inh", "aerosol", "hfa", "mdi",
        "dpi", "diskus", "ellipta", "respimat", "handihaler", "flexhaler", "respules", "redihaler", "inhub", "aerosphere",
        "nebulizer", "nebulized", "neb", "nebs", "powder", "packet", "packets", "granules", "sprinkle", "patch", "patches",
        "film", "cream", "ointment", "oint", "gel", "lotion", "foam", "drops", "drop", "spray", "sprays", "suppository",
        "suppositories", "supp", "lozenge", "troche", "chewable", "chew", "odt", "solutab", "zydis", "disintegrating",
        "dispersible", "kit", "otc", "tts", "ds", "release", "rel", "coated", "acting", "hr", "hrs", "h",
        "oral", "orally", "po", "topical", "ophthalmic", "ophth", "otic", "nasal", "intranasal", "sublingual", "sl", "rectal",
        "vaginal", "transdermal", "subcutaneous", "subq", "sq", "sc", "iv", "im", "enteral",
        "daily", "qd", "bid", "tid", "qid", "qhs", "hs", "prn", "qam", "qpm", "nightly", "weekly",
        "mg", "mcg", "ml", "meq", "unit", "units", "u", "iu", "gram", "grams",
    ]
}

private extension String {
    /// "q6" (from "q6h"), "q12".
    var isSigInterval: Bool { count > 1 && first == "q" && dropFirst().allSatisfy(\.isNumber) }
}
