/* Back office: small progressive enhancements. Every page works without this file. */
(function () {
  "use strict";
  // Role switch: submit on change and hide the now redundant button.
  document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
    var button = select.form && select.form.querySelector("button[type=submit]");
    if (button) { button.hidden = true; }
    select.addEventListener("change", function () { select.form.requestSubmit(); });
  });
  // Move focus to the error summary so keyboard and screen-reader users hear what went wrong.
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }
  // File previews: without JavaScript a file opens in a new tab; with it, PDFs and images open in
  // the preview frame of the dossier page, which unfolds.
  var panel = document.getElementById("preview-panel");
  if (panel) {
    document.querySelectorAll("a[data-preview=pdf], a[data-preview=image]").forEach(function (link) {
      link.addEventListener("click", function (event) {
        event.preventDefault();
        panel.open = true;
        panel.querySelector("iframe").src = link.href;
        document.getElementById("preview-name").textContent = link.textContent;
        panel.scrollIntoView({block: "start"});
      });
    });
  }
  // Counter intake: the phone, e-mail and address filled in from the register belong to the person
  // looked up. Typing another identity number clears them, so one citizen's contact never goes onto
  // another's dossier (the server refuses such a contact too, unless the officer confirms it).
  document.addEventListener("input", function (event) {
    var input = event.target;
    if (!input.matches || !input.matches("input[name='applicant-id_number']")) { return; }
    var fieldset = input.closest("[data-prefilled-for]");
    if (!fieldset || input.value.replace(/\s/g, "") === fieldset.getAttribute("data-prefilled-for")) { return; }
    fieldset.querySelectorAll("[data-prefilled]").forEach(function (field) {
      field.value = "";
      field.removeAttribute("data-prefilled");
    });
    fieldset.removeAttribute("data-prefilled-for");
    var found = fieldset.querySelector("[data-found]");
    if (found) { found.hidden = true; }
    var cleared = fieldset.querySelector("[data-contact-cleared]");
    if (cleared) { cleared.hidden = false; }
  });
  // Confirm irreversible actions (refuse, stop) before submitting.
  document.addEventListener("submit", function (event) {
    var message = event.target.getAttribute("data-confirm");
    if (message && !window.confirm(message)) { event.preventDefault(); }
  });
})();
