/* Forms marked data-submit-once send once per page: a double click or an impatient second press on 提交 does not
 * start a second request (which would also cancel the first in the browser). The server stays the judge — a
 * repeated submission makes no second case — this only spares the applicant a confusing reload. The submitter is not
 * disabled (that would drop its name=value from the request); the form is marked busy instead. After 15 seconds,
 * or when the page comes back from the browser's history, it may be sent again. */
(function () {
  "use strict";

  var RETRY_AFTER_MS = 15000;

  function release(form) {
    delete form.dataset.sending;
    form.removeAttribute("aria-busy");
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.hasAttribute || !form.hasAttribute("data-submit-once")) { return; }
    if (form.dataset.sending) {
      event.preventDefault();
      return;
    }
    form.dataset.sending = "1";
    form.setAttribute("aria-busy", "true");
    window.setTimeout(function () { release(form); }, RETRY_AFTER_MS);
  });

  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) { return; }
    Array.prototype.forEach.call(document.querySelectorAll("form[data-submit-once]"), release);
  });
})();
