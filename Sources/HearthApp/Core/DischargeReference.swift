import Foundation
import HearthCore

/// The discharge planning reference data: the discharge-needs instrument read with LACE, and the post-acute provider
/// table with its payers and dated quality data (Resources/Discharge/). A broken file stops start-up with its name.
struct DischargeReference: Sendable {
    var assessment: DischargeNeedsAssessment
    var directory: PostAcuteDirectory

    static func load(from resources: String, instruments: InstrumentCatalog) throws -> DischargeReference {
        let needsPath = resources + "Discharge/discharge-needs.json", providersPath = resources + "Discharge/post-acute-providers.json"
        guard let lace = instruments["lace"] else { throw StartupError(message: "\(resources)Instruments: LACE (lace.json) is needed for discharge planning") }
        do {
            let needs = try InstrumentDefinition(json: Data(contentsOf: URL(fileURLWithPath: needsPath)), source: needsPath)
            return DischargeReference(assessment: try DischargeNeedsAssessment(instrument: needs, lace: lace),
                                      directory: try PostAcuteDirectory(json: Data(contentsOf: URL(fileURLWithPath: providersPath))))
        } catch {
            throw StartupError(message: "\(resources)Discharge: \(error)")
        }
    }
}
