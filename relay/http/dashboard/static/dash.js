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

// The CSV import: sent with XMLHttpRequest so its upload shows in a progress bar; the answer
// (a page of the relay) replaces the page's main part. Without this file the form posts plainly.
document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("import-form");
  if (!form) { return; }
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const bar = document.getElementById("import-progress");
    const request = new XMLHttpRequest();
    request.open("POST", form.action);
    request.upload.addEventListener("progress", (progress) => {
      if (progress.lengthComputable) {
        bar.value = Math.round((100 * progress.loaded) / progress.total);
        bar.textContent = bar.value + "%";
      }
    });
    request.addEventListener("load", () => {
      const answer = new DOMParser().parseFromString(request.responseText, "text/html");
      const main = answer.querySelector("main");
      if (main) { document.querySelector("main").replaceWith(document.adoptNode(main)); }
      document.title = answer.title;
    });
    bar.hidden = false;
    form.querySelector("button[type=submit]").disabled = true;
    request.send(new FormData(form));
  });
});
