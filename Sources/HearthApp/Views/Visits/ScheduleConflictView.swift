extension ScheduleConflictPage: HTMLPage {
    var body: HTML {
        """
        <p><a href="\(backHref)">← Back</a></p>
        <h1>\(patient): the visit was not scheduled</h1>
        \(if: !blocking.isEmpty, { "<div class=\"form-error\" role=\"alert\" id=\"schedule-blocking\"><p>Fix these first:</p><ul>\(each: blocking, { "<li>\($0)</li>" })</ul></div>" })
        \(if: !warnings.isEmpty, { "<div class=\"card\" id=\"schedule-warnings\"><p>Check these; you may schedule anyway:</p><ul>\(each: warnings, { "<li>\($0)</li>" })</ul></div>" })
        <form method="post" action="\(action)" novalidate>
          \(csrf: shell.csrfToken)
          <div class="grid">
            <div class="field"><label for="s-date">Date</label><input id="s-date" name="date" type="date" value="\(form.date)"></div>
            <div class="field"><label for="s-time">Time</label><input id="s-time" name="time" type="time" value="\(form.time)"></div>
            <div class="field"><label for="s-minutes">Minutes</label><input id="s-minutes" name="minutes" type="number" value="\(form.minutes)"></div>
          </div>
          <input type="hidden" name="clinicianID" value="\(form.clinicianID)"><input type="hidden" name="discipline" value="\(form.discipline)"><input type="hidden" name="kind" value="\(form.kind)"><input type="hidden" name="locked" value="\(form.locked)">
          \(if: blocking.isEmpty, "<label class=\"check\"><input type=\"checkbox\" name=\"override\" value=\"yes\" id=\"s-override\"> Schedule anyway</label>")
          <button type="submit" id="schedule-again">Try again</button>
        </form>
        """
    }
}
