extension HTML {
    /// A form's refusal line and its fields in a grid, as every data-entry form on Hearth shows them.
    /// `errorID` names the refusal line so tests and screen readers can find it.
    static func formFields(_ form: PageForm, errorID: String) -> HTML {
        var html: HTML = "\(form.error, { "<p class=\"form-error\" role=\"alert\" id=\"\(errorID)\">\($0)</p>" })\n    <div class=\"grid\">"
        for field in form.fields { html += HTML.field(field) }
        html += "</div>"
        return html
    }
}
