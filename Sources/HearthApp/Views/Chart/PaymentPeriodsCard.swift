import Foundation
import HearthCore

/// The chart's PDGM 30-day periods: each period's dates, timing, admission source, LUPA count and what holds its final
/// claim, with the case manager's form to record the case-mix group, LUPA threshold or admission source.
struct PaymentPeriodsCard: Encodable, Sendable {
    struct Row: Encodable, Sendable {
        var number: Int
        var dates: String
        var placement: String
        var timing: String
        var timingWhy: String
        var admission: String
        var admissionWhy: String
        var caseMixGroup: String?
        var threshold: String
        var lupaStanding: String
        var lupaTitle: String
        var lupaSummary: String
        var claimBlockers: [String]
        var current: Bool
        var action: String
        var caseMixGroupField = FormField()
        var thresholdField = FormField()
        var admissionField = FormField()
        /// The form was sent back with a problem: open it.
        var refused = false
    }

    var rows: [Row]
    var canRecord: Bool
    /// Where shipped thresholds come from, and how many groups the table lists.
    var tableNote: String
    /// Why the periods do not apply (no Medicare), when they do not.
    var notOwed: String?

    init(statuses: [PaymentPeriodStatus], table: LUPAThresholds, canRecord: Bool, action: (Int) -> String, today: CalendarDate, payers: Set<PayerProgram>?) {
        rows = statuses.map { status in
            let period = status.period
            return Row(number: period.number, dates: "\(period.start) – \(period.end)",
                       placement: "the \(period.half) 30 days of certification period \(period.certificationPeriod)",
                       timing: status.timing.title, timingWhy: status.timingBecause, admission: status.admissionSource.title, admissionWhy: status.admissionBecause,
                       caseMixGroup: status.entry?.caseMixGroup,
                       threshold: status.lupa.threshold.map { "\($0) visits" + (status.entry?.thresholdSource.map { " (\($0))" } ?? "") } ?? "not recorded",
                       lupaStanding: status.lupa.standing.rawValue, lupaTitle: status.lupa.standing.title, lupaSummary: status.lupa.summary,
                       claimBlockers: status.claimBlockers, current: today >= period.start && today <= period.end, action: action(period.number),
                       caseMixGroupField: FormField(status.entry?.caseMixGroup), thresholdField: FormField(status.entry?.lupaThreshold.map(String.init)),
                       admissionField: FormField(status.entry?.admissionSource?.rawValue))
        }
        self.canRecord = canRecord
        tableNote = table.groups.isEmpty
            ? "The CY \(table.year) LUPA table shipped with Hearth lists no case-mix group yet (\(table.source)); record each period's threshold from the grouper."
            : "Thresholds by case-mix group: CY \(table.year), \(table.groups.count) groups (\(table.source))."
        notOwed = PaymentPeriodClock.notOwed(by: payers)
    }
}

extension ChartPage {
    var paymentPeriodSection: HTML {
        guard let card = paymentPeriods, !card.rows.isEmpty else { return "" }
        var html: HTML = """
        <section class="card" id="payment-periods">
          <h2>30-day payment periods</h2>
          \(card.notOwed, { "<p class=\"empty\">Not billed by 30-day period: \($0).</p>" })
          <p><small>\(card.tableNote) Fewer visits than the threshold and Medicare pays per visit (LUPA) [42 CFR 484.205]; each period's final claim waits for the signed plan of care and orders [42 CFR 409.43(c)].</small></p>

        """
        for row in card.rows { html += paymentPeriodRow(row, canRecord: card.canRecord) }
        html += "</section>\n"
        return html
    }

    private func paymentPeriodRow(_ row: PaymentPeriodsCard.Row, canRecord: Bool) -> HTML {
        let id = "payment-period-\(row.number)"
        let admissionChoices = AdmissionSource.allCases.map { (value: $0.rawValue, label: $0.title) }
        return """
          <article class="payment-period\(if: row.current, " current")" id="\(id)" data-lupa="\(row.lupaStanding)">
            <h3>Period \(row.number): \(row.dates)\(if: row.current, " <small>(now)</small>")</h3>
            <p><small>\(row.placement)</small></p>
            <dl>
              <div><dt>Timing</dt><dd title="\(row.timingWhy)">\(row.timing) <small>— \(row.timingWhy)</small></dd></div>
              <div><dt>Admission source</dt><dd>\(row.admission) <small>— \(row.admissionWhy)</small></dd></div>
              <div><dt>Case-mix group</dt><dd>\(row.caseMixGroup.map(HTML.text) ?? "<em>not recorded</em>")</dd></div>
              <div><dt>LUPA threshold</dt><dd>\(row.threshold)</dd></div>
              <div><dt>Visits</dt><dd id="\(id)-lupa"><span class="flag flag-lupa-\(row.lupaStanding)">\(row.lupaTitle)</span> \(row.lupaSummary)</dd></div>
              <div><dt>Final claim</dt><dd id="\(id)-claim">\(if: row.claimBlockers.isEmpty, "Ready: plan of care and orders signed")\
        \(if: !row.claimBlockers.isEmpty, { "<span class=\"flag flag-due_soon\">Held</span> \(each: row.claimBlockers, { "\($0). " })" })</dd></div>
            </dl>
            \(if: canRecord, { """
        <details\(if: row.refused, " open")><summary>Record the case-mix group, LUPA threshold or admission source</summary>
              <form method="post" action="\(row.action)" class="payment-period-form" id="\(id)-form" novalidate>
                \(csrf: shell.csrfToken)
                <div class="grid">
                \(HTML.chartInput(id: "\(id)-group", name: "caseMixGroup", label: "Case-mix group (HHRG)", row.caseMixGroupField, placeholder: "e.g. 1FC11"))\
        \(HTML.chartInput(id: "\(id)-threshold", name: "lupaThreshold", label: "LUPA threshold (visits)", row.thresholdField, extra: " inputmode=\"numeric\""))\
        \(HTML.chartSelect(id: "\(id)-admission", name: "admissionSource", label: "Admission source", admissionChoices, selected: row.admissionField.value, error: row.admissionField.error, choose: true))
                </div>
                <button type="submit" class="secondary" id="\(id)-save">Save period \(row.number)</button>
              </form>
            </details>
        """ })
          </article>

        """
    }
}
