extension HTML {
    /// Why a medication change was not saved (allergy or duplicate therapy), with the override reason that saves it anyway.
    static func safetyWarning(_ warning: SafetyWarning) -> HTML {
        """
        <section class="form-error safety-alert" style="border: 3px solid currentColor; padding: 1rem; margin: 0 0 1rem" role="alert" id="safety-warning" aria-labelledby="safety-warning-heading">
          <h2 id="safety-warning-heading">\(warning.heading)</h2>
          <ul class="safety-findings">\(each: warning.findings, { "<li class=\"finding-\($0.severity)\"><strong>\($0.severityTitle):</strong> \($0.text)</li>" })</ul>
          <p>\(warning.advice)</p>
          <div class="field wide\(if: warning.reasonError != nil, " invalid")">
            <label for="override-reason">Override reason</label>
            <textarea id="override-reason" name="overrideReason" form="\(warning.formID)" rows="2"\(if: warning.reasonError != nil, " aria-invalid=\"true\" aria-describedby=\"override-reason-error\"")>\(warning.reason)</textarea>
            \(warning.reasonError, { "<p class=\"field-error\" id=\"override-reason-error\">\($0)</p>" })
          </div>
          <button type="submit" form="\(warning.formID)" id="override-submit">\(warning.button)</button>
        </section>

        """
    }
}
