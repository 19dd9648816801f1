import Fluent
import Foundation
import HearthCore

/// The demo case manager's 30-day periods: most of her patients' current periods carry the case-mix group and LUPA
/// threshold she copied from the grouper (synthetic codes, said so), one in four none yet (the chart asks for it), one in
/// five came from a hospital (institutional); their LUPA counts then follow the demo visits, so some are at risk.
enum DemoPaymentPeriods {
    static let groups = [("1FC11", 4), ("2HA21", 3), ("1DB31", 5), ("3AC11", 4), ("4GA21", 2)]

    static func seed(today: CalendarDate, zone: TimeZone, on db: any Database) async throws {
        guard let manager = try await User.query(on: db).filter(\.$username == "casemanager").first(), let managerID = manager.id,
              try await PaymentPeriodRecord.query(on: db).count() == 0 else { return }
        let patients = try await Patient.query(on: db).filter(\.$caseManager.$id == managerID).sort(\.$mrn).limit(40).all()
        for (index, patient) in patients.enumerated() {
            guard let record = try await EpisodeStore.latest(patientID: try patient.requireID(), on: db),
                  EpisodeStatus(rawValue: record.status)?.isOpen == true,
                  let soc = record.startOfCare.flatMap(CalendarDate.init),
                  let period = PaymentPeriod.containing(today, startOfCare: soc) else { continue }
            if index % 4 != 3 {
                let (group, threshold) = groups[index % groups.count]
                let row = PaymentPeriodRecord()
                row.$patient.id = try patient.requireID()
                row.$episode.id = try record.requireID()
                row.number = period.number
                row.caseMixGroup = group
                row.lupaThreshold = threshold
                row.thresholdSource = "recorded by \(manager.displayName) from the grouper (demo: a synthetic case-mix group)"
                row.admissionSource = index % 5 == 1 ? AdmissionSource.institutional.rawValue : nil
                row.$recordedBy.id = managerID
                try await row.create(on: db)
            }
            try await PaymentPeriodStore.refresh(episodeID: try record.requireID(), zone: zone, now: Date(), on: db)
        }
    }
}
