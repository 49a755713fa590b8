// Registers Homeward's service worker, which keeps the app's files for quick starts and
// shows the offline page with the help lines when the server cannot be reached.
"use strict";
if ("serviceWorker" in navigator) {
  window.addEventListener("load", () => {
    navigator.serviceWorker.register("/service-worker.js", { scope: "/" }).catch(() => {});
  });
}
