extension PlanOfCarePrintPage: HTMLPage {
    var body: HTML {
        """
        <p class="no-print"><a href="\(planHref)">← Back to the care plan</a> · <button type="button" onclick="window.print()">Print</button></p>
        <article class="plan-of-care" id="plan-of-care">
          <h1>Home health certification and plan of care</h1>
          <table class="poc-header">
            <tr><th scope="row">Patient</th><td id="poc-patient">\(document.patientName)</td><th scope="row">Medical record</th><td>\(document.mrn)</td></tr>
            <tr><th scope="row">Date of birth</th><td>\(document.birthDate)</td><th scope="row">Address</th><td>\(document.address)</td></tr>
            <tr><th scope="row">Start of care</th><td>\(document.startOfCare)</td><th scope="row">Certification period</th><td id="poc-period">\(document.period)</td></tr>
            <tr><th scope="row">Physician</th><td>\(document.physician)</td><th scope="row">Agency</th><td>\(document.agency)</td></tr>
          </table>
          \(each: document.boxes, { box in "<section class=\"poc-box\"><h2><span class=\"box-number\">\(box.number)</span> \(box.title)</h2>\n    <ul>\(each: box.lines, { "<li>\($0)</li>" })</ul>\n  </section>\n  " })
          \(draftNote, { "<p class=\"no-print notice\" id=\"poc-draft-note\">\($0)</p>" })
          <section class="poc-box" id="poc-signature"><h2>Physician's signature and date</h2>
            \(signature, { "<pre class=\"manifest\">\($0)</pre>\(if: signedDocumentDiffers, { "<p class=\"form-error\">The plan in force (version \(version)) differs from the plan of care as signed: changes since were signed as interim orders (see the care plan's Physician orders), or the medications or diagnoses printed here have changed.</p>" })" })\(if: signature == nil, "<p class=\"empty\">Not signed yet.</p>")
          </section>
        </article>
        """
    }
}
