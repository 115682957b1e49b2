// bounce-relay dashboard: the Unbounce dialog as a modal, and confirmation fields that enable
// their form's button only once the sentence is typed word for word. Everything works
// without this file too (the dialog is then a page section; the server checks the sentence).
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  for (const input of document.querySelectorAll("input[data-must-be]")) {
    const button = input.form.querySelector("button[type=submit]");
    const sync = () => { button.disabled = input.value.trim() !== input.dataset.mustBe; };
    input.addEventListener("input", sync);
    sync();
  }
  const dialog = document.getElementById("unbounce");
  const opener = document.getElementById("unbounce-open");
  if (dialog && opener && typeof dialog.showModal === "function") {
    if (dialog.open) { dialog.close(); dialog.showModal(); }
    opener.addEventListener("click", (event) => {
      event.preventDefault();
      dialog.showModal();
      document.getElementById("confirm").focus();
    });
    for (const closer of dialog.querySelectorAll("[data-close-dialog]")) {
      closer.addEventListener("click", (event) => {
        event.preventDefault();
        dialog.close();
        opener.focus();
      });
    }
  }
});
