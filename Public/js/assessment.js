// Hearth assessment form: shows follow-up questions when their condition is met, saves answers as they are
// typed, and keeps them in this browser when the session has ended so nothing typed is lost.
(function () {
  "use strict";
  var form = document.getElementById("assessment-form");
  if (!form) return;
  var status = document.getElementById("autosave-status");
  var key = form.dataset.draftKey;

  function values(name) {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.name === name && ((el.type !== "radio" && el.type !== "checkbox") || el.checked);
    }).map(function (el) { return el.value; }).filter(function (v) { return v !== ""; });
  }

  function applyConditions() {
    form.querySelectorAll("[data-when-item]").forEach(function (fieldset) {
      var given = values(fieldset.dataset.whenItem);
      var wanted = (fieldset.dataset.whenValues || "").split(",").filter(Boolean);
      var atLeast = fieldset.dataset.whenAtLeast;
      // A condition on an item of another section is left to the server, which knows that answer.
      if (!form.querySelector("[name='" + fieldset.dataset.whenItem + "']")) return;
      var shown = given.length > 0 &&
        (wanted.length === 0 || given.some(function (v) { return wanted.indexOf(v) >= 0; })) &&
        (!atLeast || given.some(function (v) { return parseFloat(v) >= parseFloat(atLeast); }));
      fieldset.hidden = !shown;
    });
  }

  function body() {
    var data = new URLSearchParams(new FormData(form));
    data.delete("go");
    data.set("section", form.dataset.section);
    return data;
  }

  var timer = null;
  function save() {
    var data = body();
    try { localStorage.setItem(key, data.toString()); } catch (e) { /* private mode: the server copy still counts */ }
    fetch(form.dataset.autosave, { method: "POST", body: data, credentials: "same-origin", redirect: "manual",
      headers: { "Accept": "application/json" } })
      .then(function (response) {
        if (response.status === 204) {
          localStorage.removeItem(key);
          status.textContent = "Saved " + new Date().toLocaleTimeString();
        } else {
          status.textContent = "Not saved to the server (signed out?). Your answers are kept on this tablet; sign in again to continue.";
        }
      })
      .catch(function () { status.textContent = "Offline: your answers are kept on this tablet until the connection returns."; });
  }

  function changed() {
    applyConditions();
    clearTimeout(timer);
    timer = setTimeout(save, 800);
  }

  // Answers typed before the session ended come back after signing in again.
  var kept = null;
  try { kept = localStorage.getItem(key); } catch (e) { kept = null; }
  if (kept) {
    var restored = new URLSearchParams(kept);
    var names = {};
    restored.forEach(function (value, name) { (names[name] = names[name] || []).push(value); });
    Object.keys(names).forEach(function (name) {
      if (name === "_csrf" || name === "section") return;
      form.querySelectorAll("[name='" + name + "']").forEach(function (el) {
        if (el.type === "radio" || el.type === "checkbox") el.checked = names[name].indexOf(el.value) >= 0;
        else el.value = names[name][0];
      });
    });
    status.textContent = "Restored answers typed before you were signed out.";
    setTimeout(save, 100);
  }

  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  form.addEventListener("submit", function () { clearTimeout(timer); try { localStorage.removeItem(key); } catch (e) {} });
  applyConditions();
})();
