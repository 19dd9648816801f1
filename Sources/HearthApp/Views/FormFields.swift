/// One choice in a select list.
struct FieldOption: Encodable, Sendable {
    var value: String
    var label: String
    var selected: Bool
}

/// One labelled form control with its value and the message shown beside it when it is wrong;
/// `HTML.field` draws it the same way on every form.
struct InputField: Encodable, Sendable {
    var id: String
    var name: String
    var label: String
    /// An HTML input type, or "select", "checkbox", "textarea".
    var type = "text"
    var value = ""
    var error: String?
    var hint: String?
    var options: [FieldOption] = []
    var checked = false
    var wide = false
    /// The phone keyboard to show ("decimal" for vital signs, "numeric" for an NPI); nil for the default.
    var inputMode: String? = nil
    /// A value that is accepted but dangerous (a vital sign past its alert threshold): said beside it, plainly.
    var alert: String? = nil

    /// A text-like input. `prefix` keeps ids unique when several forms share a page.
    static func text(_ name: String, _ label: String, _ value: String?, _ problems: [String: String], prefix: String = "",
                     type: String = "text", hint: String? = nil, wide: Bool = false, inputMode: String? = nil) -> InputField {
        InputField(id: prefix + name, name: name, label: label, type: type, value: value ?? "", error: problems[name], hint: hint, wide: wide,
                   inputMode: inputMode)
    }

    static func select(_ name: String, _ label: String, _ value: String?, _ choices: [(value: String, label: String)],
                       _ problems: [String: String], prefix: String = "", hint: String? = nil) -> InputField {
        InputField(id: prefix + name, name: name, label: label, type: "select", value: value ?? "", error: problems[name], hint: hint,
                   options: choices.map { FieldOption(value: $0.value, label: $0.label, selected: $0.value == value) })
    }

    /// Boxes for a question with several answers; each ticked box posts its value under `name[]`. `value` holds the
    /// answers in words, for read-only views.
    static func checkboxes(_ name: String, _ label: String, _ selected: [String], words: String, _ choices: [(value: String, label: String)],
                           _ problems: [String: String], hint: String? = nil) -> InputField {
        InputField(id: name, name: name, label: label, type: "checkboxes", value: words, error: problems[name], hint: hint,
                   options: choices.map { FieldOption(value: $0.value, label: $0.label, selected: selected.contains($0.value)) }, wide: true)
    }

    /// The value in words, for a read-only view: a choice's label, not its code.
    var shownValue: String {
        switch type {
        case "checkbox": checked ? "yes" : "no"
        case "select": options.first { $0.selected }?.label ?? value
        default: value
        }
    }

    /// A yes/no box; it posts "yes" when ticked.
    static func checkbox(_ name: String, _ label: String, checked: Bool, prefix: String = "") -> InputField {
        InputField(id: prefix + name, name: name, label: label, type: "checkbox", checked: checked)
    }
}

extension Optional where Wrapped == String {
    /// A ticked checkbox posts "yes"; an unticked one posts nothing.
    var isTicked: Bool { self == "yes" || self == "on" || self == "true" }
}
