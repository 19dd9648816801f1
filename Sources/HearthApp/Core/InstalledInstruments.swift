import Fluent
import Foundation
import HearthCore
import Vapor

extension Application {
    /// Records each installed instrument version the first time Hearth starts with it, and stops start-up when a
    /// version already in use has different content, or has lost its file: assessments started on it would no longer
    /// show what was asked. Several instances starting together race on the unique (instrument, version) key; the
    /// loser reads the winner's row.
    func recordInstalledInstruments() async throws {
        let catalog = instruments
        let installed = try await InstalledInstrumentVersion.query(on: db).all()
        if let lost = installed.first(where: { catalog[$0.instrumentID, version: $0.version] == nil }) {
            throw StartupError(message: "Instrument \(lost.instrumentID) version \(lost.version) was installed before but its file is missing: "
                + "assessments started on it cannot be shown. Put the file back in Resources/Instruments/history/.")
        }
        let known = Dictionary(installed.map { ($0.instrumentID + " " + $0.version, $0) }, uniquingKeysWith: { first, _ in first })
        for definition in catalog.allVersions {
            let fingerprint = catalog.fingerprint(of: definition)
            var existing = known[definition.id + " " + definition.version]
            if existing == nil {
                let row = InstalledInstrumentVersion(instrumentID: definition.id, version: definition.version, fingerprint: fingerprint, installedAt: Date())
                do { try await row.create(on: db) } catch let error as any DatabaseError where error.isConstraintFailure {
                    existing = try await InstalledInstrumentVersion.query(on: db)
                        .filter(\.$instrumentID == definition.id).filter(\.$version == definition.version).first()
                }
            }
            if let existing, existing.fingerprint != fingerprint {
                let since = CalendarDate(existing.installedAt, in: settings.agencyTimeZone)
                throw StartupError(message: "Instrument \(definition.id) version \(definition.version) has changed since it was installed on \(since): "
                    + "assessments signed on it would no longer show what was asked. Put the earlier file back in Resources/Instruments/history/ "
                    + "and give the changed one a new version.")
            }
        }
    }
}
