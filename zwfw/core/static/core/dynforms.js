/* Application forms (zwfw.core.dynforms): show a conditional field only while its condition holds.
 * The server is the judge (hidden fields are dropped and never required there); this only spares the
 * applicant fields that do not apply. A widget with data-show-if-field / data-show-if-values is shown or
 * hidden together with its wrapper (.field, or the fieldset of a check-box group). */
(function () {
  "use strict";

  function controlsOf(form, name) {
    var found = [];
    var elements = form.elements;
    for (var i = 0; i < elements.length; i++) {
      var el = elements[i];
      var n = el.name || "";
      if (n === name || n.slice(-(name.length + 1)) === "-" + name) {
        found.push(el);
      }
    }
    return found;
  }

  function valuesOf(controls) {
    var values = [];
    controls.forEach(function (el) {
      if (el.type === "checkbox" && controls.length === 1 && el.value === "on") {
        values.push(el.checked ? "true" : "false");
      } else if (el.type === "checkbox" || el.type === "radio") {
        if (el.checked) { values.push(el.value); }
      } else if (el.tagName === "SELECT" && el.multiple) {
        Array.prototype.forEach.call(el.selectedOptions, function (o) { values.push(o.value); });
      } else {
        values.push(el.value);
      }
    });
    return values;
  }

  function wrapperOf(el) {
    return el.closest(".field") || el.closest("fieldset") || el.parentElement;
  }

  function isShown(el) {
    var wrapper = wrapperOf(el);
    return !wrapper || !wrapper.hidden;
  }

  function refresh(form) {
    // In document order, so a field whose controller is hidden is hidden too.
    var dependents = form.querySelectorAll("[data-show-if-field]");
    var seen = [];
    Array.prototype.forEach.call(dependents, function (el) {
      var wrapper = wrapperOf(el);
      if (seen.indexOf(wrapper) !== -1) { return; }
      seen.push(wrapper);
      var controls = controlsOf(form, el.getAttribute("data-show-if-field"));
      var wanted = [];
      try { wanted = JSON.parse(el.getAttribute("data-show-if-values") || "[]"); } catch (e) { wanted = []; }
      var shown = controls.length > 0 && controls.some(isShown) &&
        valuesOf(controls).some(function (v) { return wanted.indexOf(v) !== -1; });
      if (wrapper) {
        // The style as well: a wrapper's own display rule (e.g. a flex row) would override [hidden].
        wrapper.hidden = !shown;
        wrapper.style.display = shown ? "" : "none";
      }
    });
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("form"), function (form) {
      if (!form.querySelector("[data-show-if-field]")) { return; }
      refresh(form);
      form.addEventListener("change", function () { refresh(form); });
      form.addEventListener("input", function () { refresh(form); });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
