extension CarePlanVersionPage: HTMLPage {
    var body: HTML {
        """
        <p><a href="\(planHref)" id="back-to-plan">← Back to the care plan</a></p>
        <h1>\(name): care plan version \(number)</h1>
        <p class="meta">Saved by \(savedBy) on \(savedOn)\(previousHref, { " · compared with <a href=\"\($0)\">version \(previousNumber)</a>" })</p>
        <section class="card diff" id="diff">
          <h2>What changed</h2>
          \(if: added.isEmpty && removed.isEmpty && changed.isEmpty, "<p class=\"empty\">Nothing changed in this version.</p>")
          \(if: !added.isEmpty, { "<h3>Added</h3><ul class=\"diff-added\">\(each: added, { "<li>\($0)</li>" })</ul>" })
          \(if: !removed.isEmpty, { "<h3>Removed</h3><ul class=\"diff-removed\">\(each: removed, { "<li>\($0)</li>" })</ul>" })
          \(if: !changed.isEmpty, { "<h3>Changed</h3><ul class=\"diff-changed\">\(each: changed, { "<li>\($0)</li>" })</ul>" })
        </section>
        """
    }
}
