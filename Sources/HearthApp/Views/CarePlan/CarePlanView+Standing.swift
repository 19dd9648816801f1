/// The top of the care plan: the signed version in force, the version awaiting signature, and the draft's changes with
/// the button that sends them to the physician.
extension CarePlanPage {
    var standingSection: HTML {
        guard standing.inForce != nil || standing.notSigned != nil else { return HTML() }
        return """
        <section class="card plan-standing" id="plan-standing" aria-labelledby="plan-standing-heading">
          <h2 id="plan-standing-heading">Physician's signature</h2>
          \(standing.inForce, { "<p class=\"standing standing-signed\" id=\"plan-in-force\"><span class=\"flag flag-met\">Signed</span> \($0)</p>" })
          \(standing.notSigned, { "<p class=\"standing standing-unsigned\" id=\"plan-not-signed\"><span class=\"flag flag-due_soon\">Not signed</span> \($0)</p>" })
          \(standing.awaiting, { "<p class=\"standing\" id=\"plan-awaiting\"><span class=\"flag flag-open\">Awaiting signature</span> \($0)</p>" })
          \(standing.draft, { draft in """
          <div class="standing standing-draft" id="plan-draft">
            <p><span class="flag flag-due_soon">Draft</span> \(draft)</p>
            <ul id="draft-changes">\(each: standing.changes, { "<li>\($0)</li>" })</ul>
            \(standing.sendChangesAction, { action in """
            <form method="post" action="\(action)">
              \(csrf: shell.csrfToken)
              <button type="submit" id="send-changes">Send the changes to \(standing.physician) for signature</button>
            </form>
            """ })
          </div>
          """ })
          \(if: canWrite && standing.inForce != nil && standing.draft == nil, { "<p class=\"hint\">The signed version is read-only: a change below starts a draft, which goes to the physician as an interim order when you send it.</p>" })
        </section>

        """
    }
}
