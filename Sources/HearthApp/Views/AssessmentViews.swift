import HearthCore

/// One section of an assessment on a tablet: its questions, where the others stand, and the way on.
struct AssessmentFormPage: Encodable, Sendable {
    struct SectionLink: Encodable, Sendable {
        var title: String
        var href: String
        var current: Bool
        var complete: Bool
        /// "3 of 5 answered"
        var counts: String
    }

    var shell: PageShell
    var patientName: String
    var chartHref: String
    var title: String
    var instrumentVersion: InstrumentVersionNote
    var kind: String
    var version: Int
    var amendmentReason: String?
    var sections: [SectionLink]
    var sectionID: String
    var sectionTitle: String
    var action: String
    var autosaveHref: String
    var reviewHref: String
    var items: [ItemField]
    var hasPrevious: Bool
    var hasNext: Bool
    var hasErrors: Bool
    /// Required questions answered across the whole assessment, in percent.
    var percentDone: Int
    /// Where the tablet keeps typed answers if the session ends before they reach the server.
    var draftKey: String
}

/// One question as the form draws it.
struct ItemField: Encodable, Sendable {
    struct Choice: Encodable, Sendable {
        var value: String
        var label: String
        var checked: Bool
    }

    var id: String
    var text: String
    var hint: String?
    /// An `InstrumentItemType` raw value.
    var type: String
    var choices: [Choice]
    var value: String
    var unit: String?
    var min: String?
    var max: String?
    var step: String
    var error: String?
    var required: Bool
    /// Not asked given the answers so far; the page's script shows it when its condition is met.
    var hidden: Bool
    var conditionItem: String?
    var conditionValues: String?
    var conditionAtLeast: String?
}

/// An assessment read back: answers by section, scores, findings and alerts, and signing or amending.
struct AssessmentReviewPage: Encodable, Sendable {
    struct Section: Encodable, Sendable {
        var title: String
        var editHref: String?
        var answers: [Answer]
    }

    struct Answer: Encodable, Sendable {
        var question: String
        var answer: String
        var problem: String?
    }

    struct Score: Encodable, Sendable {
        var title: String
        var value: String
        var band: String?
        var interpretation: String?
    }

    struct Version: Encodable, Sendable {
        var label: String
        var href: String
        var current: Bool
    }

    var shell: PageShell
    var patientName: String
    var chartHref: String
    var title: String
    var instrumentVersion: InstrumentVersionNote
    var source: String
    var kind: String
    var status: String
    var statusTitle: String
    var assessedOn: String
    var signature: String?
    var amendmentReason: String?
    var sections: [Section]
    var scores: [Score]
    var findings: [String]
    var alerts: [String]
    var problemCount: Int
    var canSign: Bool
    var signAction: String
    var canAmend: Bool
    var amendAction: String
    var amendError: String?
    var versions: [Version]
}

/// Which version of the instrument an assessment uses, and whether a newer one has replaced it since.
struct InstrumentVersionNote: Encodable, Sendable {
    /// "PHQ-2, version 1.0"
    var label: String
    /// Set when new assessments use a later version: this one keeps the wording it was started on.
    var newer: String?
    /// For a draft on a retired version: where to move it to the version in use.
    var upgradeAction: String?
    var upgradeLabel: String?

    init(_ instrument: InstrumentDefinition, in catalog: InstrumentCatalog, upgradeAction: String?) {
        label = "\(instrument.title), version \(instrument.version)"
        guard let current = catalog[instrument.id], current.version != instrument.version else { return }
        newer = "Version \(current.version) is now in use for new assessments; this one keeps the wording of version \(instrument.version), "
            + "which it was started on." + (upgradeAction == nil ? "" : " Move the draft to see the current questions; answers that still fit are kept.")
        self.upgradeAction = upgradeAction
        upgradeLabel = "Move this draft to version \(current.version)"
    }
}
