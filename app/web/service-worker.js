// Homeward's service worker: quick repeat starts and a kind page when the server is away.
// It keeps only the web client's own files (never a page, a download or anything of the
// family) and answers a page it cannot fetch with the offline page and its help lines.
"use strict";

const VERSION = "__VERSION__";
const SHELL = __SHELL__;
const OFFLINE = "/offline.html";
const CACHE = "homeward-" + VERSION;
const NEVER = /^\/(downloads|ws|upload|alive)(\/|$)/;
const FILE = /\.[A-Za-z0-9]+$/;
const COMPILED = /\.wasm$/;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE)
      .then((cache) => cache.addAll([OFFLINE, "/offline.js", ...SHELL]))
      .then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(names
        .filter((name) => name.startsWith("homeward-") && name !== CACHE)
        .map((name) => caches.delete(name))))
      .then(() => self.clients.claim()));
});

function keepable(answer) {
  const control = answer.headers.get("Cache-Control") || "";
  return answer.ok && answer.type === "basic" && !/no-store|private/.test(control);
}

async function fromCacheFirst(request) {
  const cache = await caches.open(CACHE);
  const kept = await cache.match(request);
  if (kept) {
    return kept;
  }
  const answer = await fetch(request);
  if (keepable(answer)) {
    await cache.put(request, answer.clone());
  }
  return answer;
}

async function pageOrOffline(request) {
  try {
    return await fetch(request);
  } catch (unreachable) {
    const cache = await caches.open(CACHE);
    return (await cache.match(OFFLINE)) || Response.error();
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) {
    return;
  }
  if (request.mode === "navigate") {
    event.respondWith(pageOrOffline(request));
    return;
  }
  if (url.search || NEVER.test(url.pathname) || !FILE.test(url.pathname) || COMPILED.test(url.pathname)
      || url.pathname === "/service-worker.js" || url.pathname === "/manifest.json") {
    return;
  }
  event.respondWith(fromCacheFirst(request));
});
