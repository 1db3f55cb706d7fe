// Shows a conditional form field only when the answer it depends on is given. Without this
// script every field shows, with a note saying when it applies; the server ignores answers
// to fields whose condition is not met.
(function () {
  "use strict";
  function answers(form, name) {
    var inputs = form.querySelectorAll('[name="' + name + '"]');
    var values = [];
    inputs.forEach(function (input) {
      if ((input.type === "radio" || input.type === "checkbox") && !input.checked) return;
      values.push(input.value);
    });
    return values;
  }
  function refresh(form) {
    form.querySelectorAll("[data-show-if-field]").forEach(function (group) {
      var wanted = JSON.parse(group.getAttribute("data-show-if-values") || "[]");
      var given = answers(form, group.getAttribute("data-show-if-field"));
      var shown = given.some(function (value) { return wanted.indexOf(value) !== -1; });
      group.hidden = !shown;
      var note = group.querySelector(".condition-hint");
      if (note) note.hidden = true;
    });
  }
  document.querySelectorAll("form[data-conditional-form]").forEach(function (form) {
    refresh(form);
    form.addEventListener("change", function () { refresh(form); });
  });
})();
