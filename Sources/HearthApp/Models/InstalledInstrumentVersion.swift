import Fluent
import Foundation

/// One version of an assessment instrument as it was first installed: its fingerprint, so that a file changed later
/// without a new version number stops start-up instead of silently rewording assessments already signed on it.
final class InstalledInstrumentVersion: Model, @unchecked Sendable {
    static let schema = "instrument_versions"
    var properties: [any AnyProperty] { listed([$id, $instrumentID, $version, $fingerprint, $installedAt]) }

    @ID(key: .id) var id: UUID?
    @Field(key: "instrument_id") var instrumentID: String
    @Field(key: "version") var version: String
    /// `InstrumentCatalog.fingerprint(of:)` when this version was first installed.
    @Field(key: "fingerprint") var fingerprint: String
    @Field(key: "installed_at") var installedAt: Date

    init() {}

    init(instrumentID: String, version: String, fingerprint: String, installedAt: Date) {
        (self.instrumentID, self.version, self.fingerprint, self.installedAt) = (instrumentID, version, fingerprint, installedAt)
    }
}
