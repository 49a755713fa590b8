// The offline page: words in the language last used on this device, and a quiet check
// every few seconds that brings the app back as soon as the server answers again.
"use strict";
(function () {
  const texts = JSON.parse(document.getElementById("texts").textContent);
  let language = null;
  try {
    language = JSON.parse(localStorage.getItem("flutter.homeward.language") || "null");
  } catch (unreadable) {
    language = null;
  }
  const chosen = texts[language];
  if (chosen) {
    document.documentElement.lang = language;
    for (const element of document.querySelectorAll("[data-text]")) {
      const text = chosen[element.dataset.text];
      if (text) {
        element.textContent = text;
      }
    }
  }
  async function tryAgain() {
    try {
      const answer = await fetch("/alive", { cache: "no-store" });
      if (answer.ok) {
        window.location.reload();
      }
    } catch (stillAway) {
      // not yet: the next check follows
    }
  }
  document.getElementById("again").addEventListener("click", tryAgain);
  setInterval(tryAgain, 3000);
})();
