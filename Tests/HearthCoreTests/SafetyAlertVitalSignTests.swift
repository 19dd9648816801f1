import Foundation
import Testing
@testable import HearthCore

/// Issue 17: dangerous vital signs on a visit note raise a safety alert. The shipped thresholds, each tested at its
/// boundary with its source beside it (the file itself cites them: Resources/Rules/vital-sign-alerts.json).
@Suite struct VitalSignAlertTests {
    static let shipped = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Resources/Rules/vital-sign-alerts.json")

    static func alerts() throws -> VitalSignAlerts { try VitalSignAlerts(contentsOf: shipped) }

    /// The ids of the thresholds one reading crosses; a blood pressure is a pair, so its other half is an unremarkable one.
    static func crossed(_ reading: VitalReading) throws -> [String] {
        let partner: [VitalReading] = switch reading.sign {
        case .systolic: [VitalReading(.diastolic, 70)]
        case .diastolic: [VitalReading(.systolic, 150)]
        default: []
        }
        return try alerts().check(try Vitals([reading] + partner)).map(\.threshold.id)
    }

    @Test(arguments: [
        // WHO Pulse Oximetry Training Manual (2011): under 90% is hypoxaemia.
        (VitalReading(.oxygenSaturation, 89), ["spo2-low"]), (VitalReading(.oxygenSaturation, 90), []),
        // 2017 ACC/AHA guideline §11.2 and StatPearls, Hypertensive Urgency: systolic 180 or more; diastolic 110 or more.
        (VitalReading(.systolic, 179), []), (VitalReading(.systolic, 180), ["systolic-high"]),
        (VitalReading(.diastolic, 109), []), (VitalReading(.diastolic, 110), ["diastolic-high"]),
        // American Heart Association: a systolic under 90 is hypotension.
        (VitalReading(.systolic, 89), ["systolic-low"]), (VitalReading(.systolic, 90), []),
        // 2018 ACC/AHA/HRS bradycardia guideline: under 50; NEWS2 (RCP 2017) scores over 110 as a warning, 120 is the agency's call.
        (VitalReading(.pulse, 49), ["pulse-low"]), (VitalReading(.pulse, 50), []),
        (VitalReading(.pulse, 120), []), (VitalReading(.pulse, 121), ["pulse-high"]),
        // NEWS2 (RCP 2017): a respiratory rate of 8 or less, or 25 or more, scores 3.
        (VitalReading(.respiration, 9), ["respiration-low"]), (VitalReading(.respiration, 10), []),
        (VitalReading(.respiration, 24), []), (VitalReading(.respiration, 25), ["respiration-high"]),
        // SCCM/IDSA (O'Grady 2008, 2023): fever is 38.3 °C (101 °F) or more, in the unit it was taken in.
        (VitalReading(.temperature, 100.9), []), (VitalReading(.temperature, 101.0), ["temperature-high"]),
        (VitalReading(.temperature, 38.2, unit: .celsius), []), (VitalReading(.temperature, 38.3, unit: .celsius), ["temperature-high"]),
        // ADA Standards of Care, section 6: level 1 hypoglycaemia under 70, level 2 under 54 (only the worse is reported).
        (VitalReading(.glucose, 70), []), (VitalReading(.glucose, 69), ["glucose-low"]),
        (VitalReading(.glucose, 54), ["glucose-low"]), (VitalReading(.glucose, 53), ["glucose-very-low"]),
        // The agency's default call parameter for hyperglycaemia.
        (VitalReading(.glucose, 300), []), (VitalReading(.glucose, 301), ["glucose-high"]),
        // Signs with no threshold never alert.
        (VitalReading(.pain, 10), []), (VitalReading(.weight, 400), []),
    ])
    func eachThresholdAlertsFromItsBoundary(_ reading: VitalReading, _ expected: [String]) throws {
        #expect(try Self.crossed(reading) == expected)
    }

    @Test func everyShippedThresholdSaysWhyAndCitesItsSource() throws {
        let thresholds = try Self.alerts().thresholds
        #expect(thresholds.count == 12)
        #expect(thresholds.allSatisfy { !$0.reason.isEmpty && $0.citation.count > 20 })
    }

    @Test func theNoteAndTheAlertSayWhatWasRecordedAndAgainstWhat() throws {
        let vitals = try Vitals([VitalReading(.systolic, 188), VitalReading(.diastolic, 104), VitalReading(.pulse, 88), VitalReading(.oxygenSaturation, 84)])
        let findings = try Self.alerts().check(vitals)
        #expect(findings.map(\.threshold.id) == ["systolic-high", "spo2-low"])
        #expect(findings.last?.description == "SpO₂ 84% is below the alert threshold of 90%: low oxygen (hypoxaemia)")
        #expect(findings.first?.description == "Systolic BP 188 mmHg is at or above the alert threshold of 180 mmHg: "
            + "severe hypertension (hypertensive urgency, an emergency if organs are affected)")
        #expect(VitalSignAlerts.alertTitle(findings, of: vitals, visitOn: "2026-12-02", by: "Casey Nurse")
            == "BP 188/104 and SpO₂ 84% recorded at the visit on 2026-12-02 by Casey Nurse: review today")
        // The key is the note and the values: the same values saved then signed are one alert.
        #expect(VitalSignAlerts.key(visit: "v1", findings) == "vital-signs:v1:spo2=84%,systolic=188 mmHg")
        #expect(VitalSignAlerts.tokens(inKey: "vital-signs:v1:spo2=84%,systolic=188 mmHg", visit: "v1") == ["spo2=84%", "systolic=188 mmHg"])
        #expect(VitalSignAlerts.tokens(inKey: "vital-signs:v2:spo2=84%", visit: "v1").isEmpty)
        #expect(try Self.alerts().check(try Vitals([VitalReading(.systolic, 128), VitalReading(.diastolic, 76), VitalReading(.oxygenSaturation, 97)])).isEmpty)
    }

    @Test func aCelsiusFeverIsShownInCelsius() throws {
        let findings = try Self.alerts().check(try Vitals([VitalReading(.temperature, 38.9, unit: .celsius)]))
        #expect(findings.map(\.description) == ["Temperature 38.9 °C is at or above the alert threshold of 38.3 °C: fever"])
    }

    @Test func aBrokenThresholdFileStopsWithOneLineNamingTheThreshold() {
        let missingCelsius = #"{"version": 1, "thresholds": [{"id": "fever", "sign": "temperature", "when": "at_or_above", "values": {"[degF]": 101}, "reason": "fever", "citation": "x"}]}"#
        #expect(throws: VitalSignAlertsError.missingUnit(threshold: "fever", unit: "Cel")) { try VitalSignAlerts(json: Data(missingCelsius.utf8)) }
        let badSign = #"{"version": 1, "thresholds": [{"id": "x", "sign": "spo3", "when": "below", "values": {"%": 90}, "reason": "r", "citation": "c"}]}"#
        #expect(throws: VitalSignAlertsError.unknownSign(threshold: "x", value: "spo3")) { try VitalSignAlerts(json: Data(badSign.utf8)) }
        let badWhen = #"{"version": 1, "thresholds": [{"id": "x", "sign": "spo2", "when": "under", "values": {"%": 90}, "reason": "r", "citation": "c"}]}"#
        #expect(throws: VitalSignAlertsError.unknownDirection(threshold: "x", value: "under")) { try VitalSignAlerts(json: Data(badWhen.utf8)) }
        let badUnit = #"{"version": 1, "thresholds": [{"id": "x", "sign": "spo2", "when": "below", "values": {"mg/dL": 90}, "reason": "r", "citation": "c"}]}"#
        #expect(throws: VitalSignAlertsError.unknownUnit(threshold: "x", value: "mg/dL")) { try VitalSignAlerts(json: Data(badUnit.utf8)) }
    }
}
