extension DayPlanPage: HTMLPage {
    var body: HTML {
        var html: HTML = """
        <p><a href="\(backHref)">← Schedule</a></p>
        <h1>Plan this day</h1>
        <p class="lede">Proposes who makes each visit and in what order, keeping every visit with a qualified clinician on the patient's care team.
        Visits started, made or fixed by hand stay where they are.</p>
        \(if: !refusals.isEmpty, { "<div class=\"form-error\" role=\"alert\" id=\"plan-refused\"><p>Nothing was applied:</p><ul>\(each: refusals, { "<li>\($0)</li>" })</ul></div>" })
        <section class="card">
          <form method="get" action="\(form.action)" novalidate id="plan-form">
            \(form.error, { "<p class=\"form-error\" role=\"alert\" id=\"plan-error\">\($0)</p>" })
            <div class="grid">\(each: form.fields, HTML.field)</div>
            <button type="submit" id="plan-run">Plan this day</button>
          </form>
        </section>

        """
        if let proposal { html += Self.proposal(proposal, csrf: shell.csrfToken) }
        return html
    }

    static func proposal(_ p: Proposal, csrf: String) -> HTML {
        var html: HTML = """
        <section class="card" id="plan-summary">
          <h2>\(p.heading)</h2>
          <dl class="plan-facts">\(each: p.facts, { "<div><dt>\($0.label)</dt><dd id=\"\($0.id)\">\($0.value)</dd></div>" })</dl>
          \(if: !p.violations.isEmpty, { "<div class=\"form-error\" role=\"alert\" id=\"plan-violations\"><p>This plan breaks a rule and cannot be applied; plan again:</p><ul>\(each: p.violations, { "<li>\($0)</li>" })</ul></div>" })
        </section>
        <div class="plan-layout">
          <div class="plan-routes" id="plan-routes">

        """
        for route in p.routes {
            html += """
            <section class="card plan-route" style="border-left: 6px solid \(route.color)">
              <h2>\(route.clinician)</h2><p class="hint\(if: route.overHours, " over-hours")">\(route.summary)</p>
              <ol class="plan-stops">\(each: route.stops.indices, { k in "\(route.lunch.flatMap { $0.before == k ? $0 : nil }, lunch)\(stop(route.stops[k]))" })\(route.lunch.flatMap { $0.before == route.stops.count ? $0 : nil }, lunch)</ol>
            </section>

            """
        }
        html += """
          </div>
          <figure class="card plan-map" id="plan-map">
            <svg viewBox="0 0 600 420" role="img" aria-label="Each clinician's route: home base, visits in order, home">
              <rect x="0" y="0" width="600" height="420" fill="#f4f6f8"/>
              \(each: p.map.lines, { "<polyline points=\"\($0.points)\" fill=\"none\" stroke=\"\($0.color)\" stroke-width=\"2.5\" stroke-linejoin=\"round\"><title>\($0.label)</title></polyline>" })
              \(each: p.map.dots, dot)
            </svg>
            <figcaption class="hint">Squares are home bases; dots are visits, joined in the order planned. Straight lines, not roads.</figcaption>
          </figure>
        </div>

        """
        html += unplaced(p)
        html += changes(p, csrf: csrf)
        return html
    }

    static func unplaced(_ p: Proposal) -> HTML {
        guard !p.unplaced.isEmpty else { return "" }
        return """
        <section class="card" id="plan-unplaced">
          <h2>Cannot be placed (\(p.unplaced.count))</h2>
          <ul>\(each: p.unplaced, { "<li>\(if: $0.mustDo, "<strong>Must be made:</strong> ")\($0.patient): \($0.reason)</li>" })</ul>
        </section>

        """
    }

    static func changes(_ p: Proposal, csrf: String) -> HTML {
        guard !p.changes.isEmpty else {
            return "<section class=\"card\" id=\"plan-apply\"><p class=\"empty\">The plan changes nothing: today's plan is already as good as the planner found.</p></section>\n"
        }
        let canApply = p.violations.isEmpty
        return """
        <section class="card" id="plan-apply">
          <h2>Changes to apply (\(p.changes.count))</h2>
          <form method="post" action="\(p.applyAction)" novalidate>
            \(csrf: csrf)
            \(if: canApply, { "<p><button type=\"submit\" name=\"scope\" value=\"all\" id=\"plan-apply-all-top\">Apply all \(p.changes.count) changes</button></p>" })
            <input type="hidden" name="date" value="\(p.date)"><input type="hidden" name="team" value="\(p.team)"><input type="hidden" name="seconds" value="\(p.seconds)">\(each: p.out, { "<input type=\"hidden\" name=\"out[]\" value=\"\($0)\">" })
            <div class="scroll"><table class="reflow" id="plan-changes-table">
              <thead><tr><th scope="col">Apply</th><th scope="col">Patient</th><th scope="col">Now</th><th scope="col">Planned</th></tr></thead>
              <tbody>\(each: p.changes, row)</tbody>
            </table></div>
            \(if: canApply, { "<button type=\"submit\" name=\"scope\" value=\"all\" id=\"plan-apply-all\">Apply all \(p.changes.count) changes</button> <button type=\"submit\" name=\"scope\" value=\"picked\" id=\"plan-apply-picked\" class=\"secondary\">Apply the ticked visits</button>" })
          </form>
        </section>

        """
    }

    static func stop(_ stop: DayPlanPage.Stop) -> HTML {
        "<li data-visit=\"\(stop.visitID)\"\(if: stop.moved, " class=\"moved\"")><strong>\(stop.time)</strong> \(stop.patient) <small>\(stop.discipline)</small><br><span class=\"hint\">\(stop.address) · \(stop.drive)\(each: stop.notes, { " · \($0)" })</span></li>"
    }

    /// The break in the route's timeline, between the stops it falls between.
    static func lunch(_ lunch: DayPlanPage.Lunch) -> HTML {
        "<li class=\"plan-break\(if: lunch.late, " late")\"><strong>\(lunch.time)</strong> Break <span class=\"hint\">\(lunch.text)</span></li>"
    }

    static func dot(_ dot: DayPlanMap.Dot) -> HTML {
        if dot.number == 0 {
            return "<rect x=\"\(dot.x)\" y=\"\(dot.y)\" width=\"10\" height=\"10\" transform=\"translate(-5 -5)\" fill=\"#fff\" stroke=\"\(dot.color)\" stroke-width=\"2.5\"><title>\(dot.label)</title></rect>"
        }
        return "<circle cx=\"\(dot.x)\" cy=\"\(dot.y)\" r=\"6\" fill=\"\(dot.color)\"><title>\(dot.label)</title></circle>"
    }

    static func row(_ change: Change) -> HTML {
        var html: HTML = "<tr><td><input type=\"checkbox\" name=\"pick[]\" value=\"\(change.posted)\" id=\"pick-\(change.visitID)\" checked aria-label=\"Apply \(change.patient)\">"
        html += "<input type=\"hidden\" name=\"all[]\" value=\"\(change.posted)\"></td><td data-label=\"Patient\">\(change.patient)</td>"
        html += "<td data-label=\"Now\">\(change.from)</td><td data-label=\"Planned\">\(change.to)</td></tr>"
        return html
    }
}
