// The gallery page: tiles for every object of the bucket, kept current by the server's event stream (one stream
// for the page, no request per tile), filters over what the page holds, and uploads into the bucket. The search box
// and "More like this" are in gallery-search.js.
"use strict";

const items = new Map();      // object name → tile data from the server
const tiles = new Map();      // object name → its <li>
let config = { maxUploadBytes: Infinity, maxUploadText: "" };

const $ = (id) => document.getElementById(id);
const statusFilter = $("status-filter");
const labelFilter = $("label-filter");
const search = $("search");

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

// The same sentence as the server's refusal, so a file refused before upload reads like one refused after.
function size(bytes) {
  const mib = 1024 * 1024;
  return bytes >= mib
    ? (bytes / mib).toFixed(bytes % mib === 0 ? 0 : 1) + " MiB"
    : (bytes / 1024).toFixed(1) + " KiB";
}

function tooLarge(name, bytes) {
  return `${name} is ${size(bytes)}; the gallery takes files up to ${config.maxUploadText} ` +
    "(MAX_OBJECT_BYTES, the largest object the function describes).";
}

function altOf(item) {
  const doc = item.document || {};
  return doc.altText || doc.description || `${item.name}, not described yet`;
}

function labelsOf(item) {
  const labels = item.document && item.document.labels;
  return Array.isArray(labels) ? labels.filter((l) => typeof l === "string") : [];
}

function notice(text, kind) {
  const list = $("notices");
  const li = el("li", kind, text);
  list.prepend(li);
  while (list.children.length > 8) list.lastElementChild.remove();
}

function buildTile(item) {
  const li = el("li", "tile");
  li.dataset.name = item.name;
  const thumb = el("button", "thumb");
  thumb.type = "button";
  // The button is named by its image's alt (the description); the title says what pressing it does.
  thumb.title = "Show full size";
  thumb.addEventListener("click", () => openViewer(li.dataset.name));
  const img = el("img");
  img.loading = "lazy";
  img.addEventListener("error", () => { img.hidden = true; thumb.append(el("span", "no-preview", "no preview")); });
  thumb.append(img);
  const body = el("div", "body");
  const head = el("div", "head");
  const title = el("h2");
  const link = el("a");
  link.target = "_blank";
  link.rel = "noopener";
  title.append(link);
  head.append(title, el("span", "distance"), el("span", "badge"));
  const moreLike = el("button", "more-like", "More like this");
  moreLike.type = "button";
  moreLike.hidden = true;
  moreLike.addEventListener("click", () => moreLikeThis(li.dataset.name));
  const details = el("details");
  details.append(el("summary", null, "Details"), el("dl"));
  body.append(head, el("p", "description"), el("p", "alt"), el("ul", "labels"), el("p", "visible-text"),
    el("p", "error"), el("p", "reason"), moreLike, details);
  li.append(thumb, body);
  return li;
}

function setText(node, text) {
  node.textContent = text || "";
  node.hidden = !text;
}

function updateTile(li, item) {
  const doc = item.document || {};
  const img = li.querySelector(".thumb img");
  if (li.dataset.generation !== item.generation) {
    li.dataset.generation = item.generation;
    li.querySelector(".no-preview")?.remove();
    if ((item.contentType || "").startsWith("image/") || item.status !== "skipped") {
      img.hidden = false;
      img.src = item.thumbnail;
    } else {
      img.hidden = true;
      li.querySelector(".thumb").append(el("span", "no-preview", "no preview"));
    }
  }
  const alt = altOf(item);
  if (img.alt !== alt) img.alt = alt;
  li.dataset.status = item.status;
  const link = li.querySelector(".head a");
  link.href = item.image;
  link.textContent = item.name;
  const badge = li.querySelector(".badge");
  badge.textContent = item.status;
  badge.className = `badge ${item.status}`;
  const description = li.querySelector(".description");
  setText(description, doc.description);
  description.classList.toggle("streaming", item.status === "streaming");
  setText(li.querySelector(".alt"), doc.altText ? `Alt text: ${doc.altText}` : "");
  const labels = li.querySelector(".labels");
  const wanted = labelsOf(item);
  if (labels.dataset.labels !== JSON.stringify(wanted)) {
    labels.dataset.labels = JSON.stringify(wanted);
    labels.replaceChildren(...wanted.map((label) => {
      const chip = el("li");
      const button = el("button", null, label);
      button.type = "button";
      button.title = `Show only images labelled ${label}`;
      button.addEventListener("click", () => { labelFilter.value = label; render(); });
      chip.append(button);
      return chip;
    }));
  }
  labels.hidden = wanted.length === 0;
  setText(li.querySelector(".visible-text"), doc.visibleText ? `Visible text: ${doc.visibleText}` : "");
  const error = li.querySelector(".error");
  if (doc.error) {
    error.replaceChildren(el("code", null, doc.error.code || "error"), " ", doc.error.message || "");
    error.hidden = false;
  } else {
    setText(error, "");
  }
  setText(li.querySelector(".reason"), item.reason);
  showRank(li, item);
  const usage = doc.usage || {};
  const timings = doc.timings || {};
  const rows = [
    ["model", doc.model], ["finish reason", doc.finishReason],
    ["input tokens", usage.inputTokens], ["output tokens", usage.outputTokens],
    ["first token", timings.timeToFirstTokenMs !== undefined ? `${timings.timeToFirstTokenMs} ms` : undefined],
    ["total", timings.totalMs !== undefined ? `${timings.totalMs} ms` : undefined],
    ["chunks", doc.chunks], ["attempts", doc.attempts], ["error", doc.error ? doc.error.code : undefined],
    ["notice", noticeState(doc.notification)],
    ["embedding", embeddingState(item, doc)],
    ["object", `gs://${config.bucket || doc.bucket || ""}/${item.name}`], ["generation", item.generation],
    ["content type", item.contentType], ["size", size(item.size)], ["updated", doc.updatedAt],
  ].filter(([, value]) => value !== undefined && value !== null && value !== "");
  const dl = li.querySelector("dl");
  const key = JSON.stringify(rows);
  if (dl.dataset.rows !== key) {
    dl.dataset.rows = key;
    dl.replaceChildren(...rows.flatMap(([name, value]) => [el("dt", null, name), el("dd", null, String(value))]));
  }
}

// The Pub/Sub notice of a finished version (NOTIFY_TOPIC): owed until published, then sent with its message id.
function noticeState(notification) {
  if (!notification) return undefined;
  return notification.state === "sent" ? `sent, message ${notification.messageId}` : notification.state;
}

// The vector stays on the server; the tile says its length, and the embedder names the model.
function embeddingState(item, doc) {
  if (item.vector > 0) return `${item.vector} dimensions${doc.embedder?.model ? `, ${doc.embedder.model}` : ""}`;
  return doc.embeddingError ? `failed: ${doc.embeddingError.code || "error"}` : undefined;
}

function matches(item) {
  const status = statusFilter.value;
  const label = labelFilter.value;
  // Ranked by meaning, the words are the query, not a filter.
  const words = byMeaning() ? "" : search.value.trim().toLowerCase();
  if (status && item.status !== status) return false;
  if (label && !labelsOf(item).includes(label)) return false;
  if (!rankingShows(item)) return false;
  if (!words) return true;
  const doc = item.document || {};
  const haystack = [item.name, doc.description, doc.altText, doc.visibleText, ...labelsOf(item)].join(" ").toLowerCase();
  return words.split(/\s+/).every((word) => haystack.includes(word));
}

// Generations are the versions' creation times in microseconds: the newest has the largest.
function newestFirst(a, b) {
  const age = BigInt(b.generation) - BigInt(a.generation);
  return age > 0n ? 1 : age < 0n ? -1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

function updateLabelChoices() {
  const all = new Set();
  for (const item of items.values()) for (const label of labelsOf(item)) all.add(label);
  const sorted = [...all].sort();
  const current = [...labelFilter.options].slice(1).map((o) => o.value);
  if (JSON.stringify(current) === JSON.stringify(sorted)) return;
  const chosen = labelFilter.value;
  labelFilter.replaceChildren(new Option("all", ""), ...sorted.map((label) => new Option(label, label)));
  labelFilter.value = sorted.includes(chosen) ? chosen : "";
}

function render() {
  const list = $("tiles");
  for (const [name, li] of tiles) {
    if (!items.has(name)) { li.remove(); tiles.delete(name); }
  }
  updateLabelChoices();
  const ordered = [...items.values()].sort(pageOrder);
  let shown = 0;
  ordered.forEach((item, index) => {
    let li = tiles.get(item.name);
    if (!li) { li = buildTile(item); tiles.set(item.name, li); }
    updateTile(li, item);
    li.hidden = !matches(item);
    if (!li.hidden) shown++;
    // Moved only when out of place, so a focused tile keeps its focus.
    if (list.children[index] !== li) list.insertBefore(li, list.children[index] || null);
  });
  $("empty").hidden = items.size > 0;
  $("count").textContent = items.size === 0 ? "" : `${shown} of ${items.size} shown`;
}

function showProblem(text) {
  setText($("problem"), text);
}

function connect() {
  const source = new EventSource("api/events");
  source.addEventListener("snapshot", (event) => {
    const data = JSON.parse(event.data);
    items.clear();
    for (const item of data.items) items.set(item.name, item);
    showProblem(data.problem);
    render();
    document.body.dataset.live = "true";
  });
  source.addEventListener("changes", (event) => {
    const data = JSON.parse(event.data);
    for (const item of data.items) items.set(item.name, item);
    for (const name of data.removed) items.delete(name);
    showProblem(data.problem);
    render();
    rankingSeesChanges(data.items);
  });
  // EventSource reconnects by itself; the next snapshot replaces everything.
  source.addEventListener("error", () => showProblem("Lost the connection to the gallery; reconnecting…"));
}

async function upload(files) {
  for (const file of files) {
    if (file.size > config.maxUploadBytes) {
      notice(tooLarge(file.name, file.size), "refused");
      continue;
    }
    try {
      const response = await fetch(`api/upload?name=${encodeURIComponent(file.name)}`, {
        method: "POST", body: file, headers: { "Content-Type": file.type || "application/octet-stream" },
      });
      if (response.ok) {
        notice(`Uploaded ${file.name} (${size(file.size)}).`, "uploaded");
      } else {
        const problem = await response.json().catch(() => null);
        notice(problem?.error || `Uploading ${file.name} failed with HTTP ${response.status}.`, "refused");
      }
    } catch (e) {
      notice(`Uploading ${file.name} failed: ${e.message}`, "refused");
    }
  }
}

function openViewer(name) {
  const item = items.get(name);
  if (!item) return;
  $("viewer-title").textContent = item.name;
  const image = $("viewer-image");
  image.src = item.image;
  image.alt = altOf(item);
  $("viewer-alt").textContent = (item.document && item.document.description) || "";
  $("viewer").showModal();
}

function wireUploads() {
  const input = $("files");
  input.addEventListener("change", async () => {
    const files = [...input.files];
    input.value = "";
    await upload(files);
  });
  const zone = $("dropzone");
  for (const type of ["dragenter", "dragover"]) {
    document.addEventListener(type, (e) => { e.preventDefault(); zone.classList.add("over"); });
  }
  document.addEventListener("dragleave", (e) => { if (!e.relatedTarget) zone.classList.remove("over"); });
  document.addEventListener("drop", async (e) => {
    e.preventDefault();
    zone.classList.remove("over");
    await upload([...e.dataTransfer.files]);
  });
}

async function start() {
  // Wired before anything is awaited, so that no early choice of files or filter is lost.
  for (const control of [statusFilter, labelFilter]) control.addEventListener("change", render);
  wireSearch();
  wireUploads();
  connect();
  try {
    config = await (await fetch("api/config")).json();
    $("limit").textContent = `Each upload goes into gs://${config.bucket} and triggers the function, as any upload would; ` +
      `files up to ${config.maxUploadText}.`;
    $("where").textContent = `gs://${config.bucket} beside the Firestore collection ${config.collection}, live.`;
    searchConfigured();
  } catch (e) {
    showProblem(`The gallery's settings could not be read: ${e.message}`);
  }
}

start();
