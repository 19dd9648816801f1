// Hearth: a vital sign past the agency's alert threshold is said beside the value as it is typed, before the note is
// saved. The server says it again on save and raises the safety alert; this only tells the nurse sooner.
(function () {
  "use strict";
  var form = document.querySelector("form[data-vital-thresholds]");
  if (!form) return;
  var thresholds;
  try { thresholds = JSON.parse(form.getAttribute("data-vital-thresholds")); } catch (e) { return; }
  var units = { F: "[degF]", C: "Cel" };

  function crossed(t, value) {
    switch (t.when) {
      case "below": return value < t.limit;
      case "at_or_below": return value <= t.limit;
      case "above": return value > t.limit;
      default: return value >= t.limit;
    }
  }

  // The most extreme threshold crossed, low or high (glucose under 54 rather than under 70), as the server reports it.
  function worst(field, value) {
    var unitField = form.elements.temperatureUnit;
    var unit = field === "temperature" && unitField ? units[unitField.value] : null;
    var found = null;
    thresholds.forEach(function (t) {
      if (t.field !== field || (unit && t.unit !== unit) || !crossed(t, value)) return;
      if (!found || (t.low ? t.limit < found.limit : t.limit > found.limit)) found = t;
    });
    return found;
  }

  function check(input) {
    var text = input.value.trim().replace(",", ".");
    var value = /^[0-9]+(\.[0-9]+)?$/.test(text) ? parseFloat(text) : NaN;
    var t = isNaN(value) ? null : worst(input.name, value);
    var alert = document.getElementById(input.id + "-alert");
    if (!t) { if (alert) alert.remove(); return; }
    if (!alert) {
      alert = document.createElement("p");
      alert.className = "field-alert";
      alert.id = input.id + "-alert";
      alert.setAttribute("role", "alert");
      input.insertAdjacentElement("afterend", alert);
    }
    alert.textContent = t.title + " " + text + " is " + t.when.replace(/_/g, " ") + " the alert threshold of " + t.limitText + ": " + t.reason
      + ". The case manager and supervisor will be alerted when you save. Follow the agency's protocol and call the physician.";
  }

  form.addEventListener("input", function (event) {
    if (event.target.name === "temperatureUnit") check(form.elements.temperature);
    else if (event.target.tagName === "INPUT") check(event.target);
  });
  form.addEventListener("change", function (event) {
    if (event.target.name === "temperatureUnit" && form.elements.temperature) check(form.elements.temperature);
  });
})();
