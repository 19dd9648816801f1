/// A unit a vital sign is recorded in, by its UCUM code (https://ucum.org), as FHIR Observation.valueQuantity carries it.
public enum VitalUnit: String, Sendable, Hashable, Codable, CaseIterable {
    case millimetresOfMercury = "mm[Hg]"
    case perMinute = "/min"
    case fahrenheit = "[degF]"
    case celsius = "Cel"
    case percent = "%"
    case pound = "[lb_av]"
    case kilogram = "kg"
    case score = "{score}"
    case milligramsPerDecilitre = "mg/dL"

    /// What the form and the chart show: "mmHg", "°F", "lb".
    public var symbol: String {
        switch self {
        case .millimetresOfMercury: "mmHg"
        case .perMinute: "/min"
        case .fahrenheit: "°F"
        case .celsius: "°C"
        case .percent: "%"
        case .pound: "lb"
        case .kilogram: "kg"
        case .score: "/10"
        case .milligramsPerDecilitre: "mg/dL"
        }
    }

    /// "88%", "4/10", but "72 /min" and "98.6 °F".
    func text(_ number: String) -> String {
        self == .percent || self == .score ? number + symbol : "\(number) \(symbol)"
    }

    /// A value in the unit the limits are written in, turned back into this unit.
    func fromCanonical(_ value: Double) -> Double {
        switch self {
        case .celsius: (value - 32) * 5 / 9
        case .kilogram: value * 0.45359237
        default: value
        }
    }

    /// The value in the unit the limits are written in (°F, lb); other units pass through.
    func canonical(_ value: Double) -> Double {
        switch self {
        case .celsius: value * 9 / 5 + 32
        case .kilogram: value / 0.45359237
        default: value
        }
    }
}

/// A LOINC code with its display name, for FHIR Observation.code (https://loinc.org).
public struct LOINCCode: Sendable, Hashable {
    public var code: String
    public var display: String
}

/// The vital signs a visit note records; each knows its LOINC code, UCUM units, physiological limits and usual range.
public enum VitalSign: String, Sendable, Hashable, Codable, CaseIterable {
    case systolic, diastolic, pulse, temperature, respiration
    case oxygenSaturation = "spo2"
    case weight, pain, glucose

    /// The FHIR vital-signs panel that holds systolic and diastolic (US Core Blood Pressure profile).
    public static let bloodPressurePanel = LOINCCode(code: "85354-9", display: "Blood pressure panel with all children optional")

    /// How one vital sign is coded, checked and flagged. Limits refuse what no living patient can have (a typo);
    /// the usual range only flags. Both are in the first unit listed (°F, lb).
    public struct Definition: Sendable {
        public var title: String
        /// The first code is the one to send; the rest are sent beside it where a profile asks for both.
        public var codes: [LOINCCode]
        /// Allowed units; the first is the default.
        public var units: [VitalUnit]
        public var limits: ClosedRange<Double>
        public var usual: ClosedRange<Double>?
        public var decimals: Int
        /// Where the usual range comes from, in one line.
        public var source: String
    }

    public var definition: Definition { Self.table[self]! }
    public var title: String { definition.title }

    /// One table for every measure. Usual ranges are the agency's defaults for adults; a physician's call parameters
    /// on the plan of care take precedence when the app has them.
    static let table: [VitalSign: Definition] = [
        .systolic: .init(title: "Systolic blood pressure", codes: [.init(code: "8480-6", display: "Systolic blood pressure")],
                         units: [.millimetresOfMercury], limits: 40...300, usual: 90...139, decimals: 0,
                         source: "140 or more is stage 2 hypertension (2017 ACC/AHA guideline); under 90 is hypotension"),
        .diastolic: .init(title: "Diastolic blood pressure", codes: [.init(code: "8462-4", display: "Diastolic blood pressure")],
                          units: [.millimetresOfMercury], limits: 20...200, usual: 60...89, decimals: 0,
                          source: "90 or more is stage 2 hypertension (2017 ACC/AHA guideline); under 60 is low"),
        .pulse: .init(title: "Pulse", codes: [.init(code: "8867-4", display: "Heart rate")],
                      units: [.perMinute], limits: 20...300, usual: 60...100, decimals: 0,
                      source: "adult resting heart rate is 60–100 beats a minute (American Heart Association)"),
        .temperature: .init(title: "Temperature", codes: [.init(code: "8310-5", display: "Body temperature")],
                            units: [.fahrenheit, .celsius], limits: 80...115, usual: 96.8...100.3, decimals: 1,
                            source: "fever is 100.4 °F (38.0 °C) or more (CDC); under 96.8 °F (36.0 °C) is low"),
        .respiration: .init(title: "Respirations", codes: [.init(code: "9279-1", display: "Respiratory rate")],
                            units: [.perMinute], limits: 4...80, usual: 12...20, decimals: 0,
                            source: "adult resting respiratory rate is 12–20 breaths a minute"),
        .oxygenSaturation: .init(title: "SpO2",
                                 codes: [.init(code: "59408-5", display: "Oxygen saturation in Arterial blood by Pulse oximetry"),
                                         .init(code: "2708-6", display: "Oxygen saturation in Arterial blood")],
                                 units: [.percent], limits: 50...100, usual: 90...100, decimals: 0,
                                 source: "under 90% is hypoxaemia (WHO Pulse Oximetry Training Manual); US Core sends both codes"),
        .weight: .init(title: "Weight", codes: [.init(code: "29463-7", display: "Body weight")],
                       units: [.pound, .kilogram], limits: 2...1000, usual: nil, decimals: 1,
                       source: "no usual range: the trend from visit to visit is what matters"),
        .pain: .init(title: "Pain", codes: [.init(code: "72514-3", display: "Pain severity - 0-10 verbal numeric rating [Score] - Reported")],
                     units: [.score], limits: 0...10, usual: 0...3, decimals: 0,
                     source: "4–6 is moderate and 7–10 severe pain on the 0–10 numeric rating scale"),
        .glucose: .init(title: "Blood glucose", codes: [.init(code: "41653-7", display: "Glucose [Mass/volume] in Capillary blood by Glucometer")],
                        units: [.milligramsPerDecilitre], limits: 10...1000, usual: 70...180, decimals: 0,
                        source: "under 70 mg/dL is hypoglycaemia; over 180 is above target (ADA Standards of Care)"),
    ]
}
