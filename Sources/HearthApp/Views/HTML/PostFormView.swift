extension HTML {
    /// A posted form: its token, its refusal line (`errorID` names it when tests look for it), its fields in a grid, its button.
    static func postForm(_ form: PageForm, csrf token: String, id: String? = nil, errorID: String? = nil, button: HTML) -> HTML {
        """
        <form method="post" action="\(form.action)" novalidate\(attribute: "id", id)>
            \(csrf: token)
            \(form.error, { "<p class=\"form-error\" role=\"alert\"\(attribute: "id", errorID)>\($0)</p>" })
            <div class="grid">\(each: form.fields, HTML.field)</div>
            \(button)
          </form>
        """
    }
}
