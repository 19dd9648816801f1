extension HTML {
    /// One labelled control with its hint, its kept value and the message beside it when it is wrong
    /// (select, textarea, checkbox or any input type); every form draws its fields this way.
    static func field(_ field: InputField) -> HTML {
        let invalid: HTML = field.error == nil ? "" : " aria-invalid=\"true\" aria-describedby=\"\(field.id)-error\""
        var html: HTML = "<div class=\"field\(if: field.wide, " wide")\(if: field.error != nil, " invalid")\(if: field.type == "checkbox", " checkbox")\">\n"
        switch field.type {
        case "checkbox":
            html += "  <label class=\"check\"><input type=\"checkbox\" id=\"\(field.id)\" name=\"\(field.name)\" value=\"yes\"\(if: field.checked, " checked")> \(field.label)</label>\n"
        case "checkboxes":
            // Several answers to one question (race): a fieldset, each box posting its own value under `name[]`.
            html += """
              <fieldset id="\(field.id)"\(invalid)><legend>\(field.label)</legend>
                \(each: field.options, { "<label class=\"check\"><input type=\"checkbox\" id=\"\(field.id)-\($0.value)\" name=\"\(field.name)[]\" value=\"\($0.value)\"\(if: $0.selected, " checked")> \($0.label)</label>" })
              </fieldset>

            """
        case "select":
            html += """
              <label for="\(field.id)">\(field.label)</label>
              <select id="\(field.id)" name="\(field.name)"\(invalid)>
                <option value="">Choose…</option>
                \(each: field.options, { "<option value=\"\($0.value)\"\(if: $0.selected, " selected")>\($0.label)</option>" })
              </select>

            """
        case "textarea":
            html += """
              <label for="\(field.id)">\(field.label)</label>
              <textarea id="\(field.id)" name="\(field.name)" rows="3"\(invalid)>\(field.value)</textarea>

            """
        default:
            html += """
              <label for="\(field.id)">\(field.label)</label>
              <input id="\(field.id)" name="\(field.name)" type="\(field.type)" value="\(field.value)"\(field.inputMode, { " inputmode=\"\($0)\"" })\(invalid)>

            """
        }
        if let hint = field.hint { html += "<p class=\"hint\">\(hint)</p>" }
        if let alert = field.alert { html += "<p class=\"field-alert\" role=\"alert\" id=\"\(field.id)-alert\">\(alert)</p>" }
        if let error = field.error { html += "<p class=\"field-error\" id=\"\(field.id)-error\">\(error)</p>" }
        html += "\n</div>\n"
        return html
    }
}
