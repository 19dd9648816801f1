import Fluent
import Foundation
import HearthCore

/// The planned changes and significant changes recorded on a chart, and the notices delivered before them, for the clock
/// and for the chart's forms.
enum NoticeStore {
    /// The planned changes a notice can be recorded for, newest first, as the notice form's choices: from the episode's
    /// care events as `facts` read them (oldest first), so the chart does not read them twice.
    static func noticeChoices(_ careEvents: [CareEvent]) -> [FieldOption] {
        careEvents.filter { [.plannedDischarge, .careReduction].contains($0.kind) }.reversed().map { event in
            FieldOption(value: event.id, label: "\(event.kind.title) \(event.on): \(event.detail)", selected: false)
        }
    }
}
