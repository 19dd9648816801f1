// Hearth: nothing typed is lost when a session ends. Before a form is posted, what it holds is noted in this browser;
// if the answer is the sign-in page (the session had ended), the note is kept, and after signing in, back on the page
// the form was on, the typing is put back into the form with a message, for the person to check and save.
// Visit notes are also kept as they are typed, until they are saved.
(function () {
  "use strict";
  var PENDING = "hearth-pending", KEPT = "hearth-kept", DAY = 24 * 3600 * 1000;
  var store;
  try { store = window.localStorage; store.getItem(PENDING); } catch (e) { return; }

  function read(key) { try { return JSON.parse(store.getItem(key) || "null"); } catch (e) { return null; } }
  function fields(form) {
    var out = [];
    new FormData(form).forEach(function (value, name) { if (name !== "_csrf" && name !== "_once" && typeof value === "string") out.push([name, value]); });
    return out;
  }
  function restore(form, pairs) {
    var byName = {};
    pairs.forEach(function (p) { (byName[p[0]] = byName[p[0]] || []).push(p[1]); });
    Object.keys(byName).forEach(function (name) {
      Array.prototype.forEach.call(form.elements, function (el) {
        if (el.name !== name) return;
        if (el.type === "checkbox" || el.type === "radio") el.checked = byName[name].indexOf(el.value) >= 0;
        else if (el.type !== "hidden" && el.type !== "file") el.value = byName[name][0];
      });
    });
  }
  function notice(form, text) {
    var p = document.createElement("p");
    p.className = "form-error";
    p.setAttribute("role", "status");
    p.id = "kept-typing";
    p.textContent = text;
    form.insertBefore(p, form.firstChild);
  }

  // Kept typing belongs to the person who typed it: it is cleared when they sign out, and never put back for someone
  // else signed in on the same device (a shared tablet).
  var who = document.getElementById("signed-in-user");
  var user = who ? (who.textContent.match(/\(([^,]+),/) || [])[1] || "" : "";
  function clearAll() {
    for (var i = store.length - 1; i >= 0; i--) { var k = store.key(i); if (k && k.indexOf("hearth-") === 0) store.removeItem(k); }
  }
  var logout = document.getElementById("logout");
  if (logout && logout.form) logout.form.addEventListener("submit", clearAll);

  var onSignIn = !!document.getElementById("login-submit");
  var pending = read(PENDING);
  if (pending) {
    store.removeItem(PENDING);
    // The post ended on the sign-in page: the session had ended and nothing was saved. Keep it for after signing in.
    if (onSignIn && Date.now() - pending.at < DAY) store.setItem(KEPT, JSON.stringify(pending));
  }

  var kept = read(KEPT);
  if (kept && !onSignIn) {
    if (Date.now() - kept.at > DAY || kept.user !== user) { store.removeItem(KEPT); kept = null; }
    else if (kept.path === location.pathname) {
      var form = Array.prototype.find.call(document.forms, function (f) { return f.getAttribute("action") === kept.action; });
      if (form) {
        restore(form, kept.fields);
        notice(form, "Your session ended before this was saved. What you typed is back: check it and save again.");
        form.scrollIntoView({ block: "center" });
        store.removeItem(KEPT);
      }
    }
  }

  Array.prototype.forEach.call(document.forms, function (form) {
    if ((form.getAttribute("method") || "get").toLowerCase() !== "post" || form.id === "login-form") return;
    var action = form.getAttribute("action");
    if (!action || action === "/logout" || action === "/login") return;
    form.addEventListener("submit", function () {
      try { store.setItem(PENDING, JSON.stringify({ path: location.pathname, action: action, fields: fields(form), user: user, at: Date.now() })); } catch (e) {}
    });
    // A visit note is kept as it is typed (a phone may lose signal or its battery), until it is saved.
    if (form.hasAttribute("data-keep-draft")) {
      var key = "hearth-draft:" + action, draft = read(key);
      if (draft && Date.now() - draft.at < DAY && draft.user === user) {
        restore(form, draft.fields);
        notice(form, "Restored the note you were typing on this device (not saved yet).");
      }
      var timer = null;
      var keep = function () {
        clearTimeout(timer);
        timer = setTimeout(function () { try { store.setItem(key, JSON.stringify({ fields: fields(form), user: user, at: Date.now() })); } catch (e) {} }, 400);
      };
      form.addEventListener("input", keep);
      form.addEventListener("change", keep);
      form.addEventListener("submit", function () { clearTimeout(timer); store.removeItem(key); });
    }
  });
})();

// A chart section opened by its link (#visits, #care-team) starts below the sticky chart header, not under it: the
// header's height varies (a safety banner, a long name), so it is measured rather than guessed.
(function () {
  var header = document.querySelector(".chart-header");
  if (!header) return;
  var measure = function () {
    document.documentElement.style.setProperty("--sticky-offset", Math.ceil(header.getBoundingClientRect().height + (parseFloat(getComputedStyle(header).top) || 0)) + "px");
  };
  measure();
  window.addEventListener("resize", measure);
  var target = location.hash.length > 1 ? document.getElementById(location.hash.slice(1)) : null;
  if (target) target.scrollIntoView();
})();

// A page's filters fold away on a phone, so its list is on the first screen; at a desk they stay open.
(function () {
  "use strict";
  if (!window.matchMedia || !window.matchMedia("(min-width: 40rem)").matches) return;
  Array.prototype.forEach.call(document.querySelectorAll("details[data-open-wide]"), function (d) { d.open = true; });
})();

// A form the server refused comes back with the reasons by the fields: on a long page (a stay's review, a chart) the form
// may be far below the top, so the first field in error is brought into view and focused, as on a short page it already is.
(function () {
  "use strict";
  if (location.hash.length > 1) return;
  var refused = document.querySelector("form .form-error[role=alert]");
  if (!refused) return;
  var form = refused.closest("form");
  var field = form.querySelector("[aria-invalid=true]");
  (field || refused).scrollIntoView({ block: "center" });
  if (field) field.focus({ preventScroll: true });
})();
