import Foundation
import HearthCore
import Vapor

extension Application {
    /// The agency's state's overrides of the clock and aide supervision rules (Resources/Rules/state-rules.json),
    /// selected by `HEARTH_AGENCY_STATE`; nothing changes without it. A broken file stops start-up with one line.
    func applyStateRules(_ state: String?) throws {
        guard let state else { return }
        let path = directory.resourcesDirectory + "Rules/state-rules.json"
        do {
            let rules = try StateRules(json: Data(contentsOf: URL(fileURLWithPath: path)))
            if rules.states[state] == nil {
                logger.warning("HEARTH_AGENCY_STATE \(state): \(path) lists no rules for it; the federal rules apply.")
            }
            regulatoryClock.rules = try rules.applied(to: regulatoryClock.rules, state: state)
            if let supervision = aideSupervision {
                aideSupervision = AideSupervision(rules: try rules.applied(to: supervision.rules, state: state), timeZone: supervision.timeZone,
                                                  dueSoonDays: supervision.dueSoonDays)
            }
        } catch let error as RuleBookError {
            throw StartupError(message: "\(path): \(error.description)")
        } catch let error as SupervisionRuleError {
            throw StartupError(message: "\(path): \(error.description)")
        } catch {
            throw StartupError(message: "cannot read \(path): run Hearth from its folder")
        }
    }
}
