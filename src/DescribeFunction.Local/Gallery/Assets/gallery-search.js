// The search box by meaning. When the function embeds its descriptions (config.search), what is typed goes, after a
// pause, to api/search (the product's own `search`), and the tiles are ranked nearest first, each with its cosine
// distance; "More like this" on a tile ranks by that image's stored vector. With embeddings off, or with "words"
// chosen, the box filters by words as before (matches() in gallery.js). Loaded before gallery.js, so that everything
// here exists before the page's first render; gallery.js's names are used only once it has run (it calls wireSearch).
"use strict";

const RANKING_PAUSE_MS = 300;
const searchMode = document.getElementById("search-mode");

// What the page is ranked by, or null for newest first: the request's parameters, the tile it is "more like" (shown
// first), the sentence for the bar, and each ranked name's distance.
let ranking = null;
let rankingAsked = 0; // numbers each request, so that a slow earlier answer never replaces a later one
let rankingTimer = 0;

function byMeaning() {
  return config.search === true && searchMode.value === "meaning";
}

// The page's order: ranked tiles nearest first (the "more like" tile before them), newest first otherwise.
function pageOrder(a, b) {
  if (!ranking) return newestFirst(a, b);
  return rankOf(a) - rankOf(b) || newestFirst(a, b);
}

function rankOf(item) {
  if (item.name === ranking.source) return -1;
  return ranking.distances.has(item.name) ? ranking.distances.get(item.name) : Infinity;
}

// A tile without a vector cannot be near anything: while ranked, only ranked tiles show.
function rankingShows(item) {
  return !ranking || item.name === ranking.source || ranking.distances.has(item.name);
}

function showRank(li, item) {
  const distance = li.querySelector(".distance");
  if (ranking && item.name === ranking.source) {
    setText(distance, "this one");
  } else if (ranking && ranking.distances.has(item.name)) {
    setText(distance, ranking.distances.get(item.name).toFixed(3));
  } else {
    setText(distance, "");
  }
  distance.title = ranking && item.name !== ranking.source ? "Cosine distance: 0 is the same meaning, 1 unrelated" : "";
  li.querySelector(".more-like").hidden = !(config.search === true && item.vector > 0);
}

function showRankingBar() {
  setText($("ranking-text"), ranking ? ranking.sentence : "");
  $("ranking").hidden = !ranking;
  $("tiles").setAttribute("aria-label", ranking ? "Objects, nearest first" : "Objects, newest first");
}

async function rankBy(params, source, sentence) {
  const asked = ++rankingAsked;
  const query = new URLSearchParams(params);
  query.set("limit", String(Math.min(1000, Math.max(1, items.size))));
  let problem = null;
  let body = null;
  try {
    const response = await fetch(`api/search?${query}`);
    body = await response.json().catch(() => null);
    if (!response.ok || !Array.isArray(body?.results)) problem = body?.error || `The search answered HTTP ${response.status}.`;
  } catch (e) {
    problem = `The search could not reach the gallery: ${e.message}.`;
  }
  if (asked !== rankingAsked) return;
  if (problem) {
    notice(problem, "refused");
    ranking = null;
  } else {
    ranking = { params, source, sentence, distances: new Map(body.results.map((r) => [r.name, r.distance])) };
  }
  showRankingBar();
  render();
}

function clearRanking() {
  rankingAsked++;
  clearTimeout(rankingTimer);
  ranking = null;
  showRankingBar();
  render();
}

function searchTyped() {
  clearTimeout(rankingTimer);
  if (!byMeaning()) {
    if (ranking && !ranking.source) clearRanking(); else render();
    return;
  }
  const text = search.value.trim();
  if (!text) {
    clearRanking();
    return;
  }
  rankingTimer = setTimeout(() => rankBy({ q: text }, null, `Ranked by meaning: nearest to “${text}” first.`), RANKING_PAUSE_MS);
}

async function moreLikeThis(name) {
  // The words typed were for another search; left in the box they would read as part of this one.
  search.value = "";
  clearTimeout(rankingTimer);
  await rankBy({ like: name }, name, `More like ${name}: the most similar first.`);
  if (ranking) $("ranking-clear").focus();
}

function showAllAgain() {
  const source = ranking?.source;
  search.value = "";
  clearRanking();
  const back = source && tiles.get(source)?.querySelector(".more-like");
  (back && !back.hidden ? back : search).focus();
}

// While ranked, a tile that gains a vector is ranked too: the same search runs again.
function rankingSeesChanges(changed) {
  if (!ranking || !changed.some((item) => item.vector > 0 && !rankingShows(item))) return;
  const { params, source, sentence } = ranking;
  clearTimeout(rankingTimer);
  rankingTimer = setTimeout(() => rankBy(params, source, sentence), RANKING_PAUSE_MS);
}

function searchModeChanged() {
  search.placeholder = byMeaning() ? "what to find, such as boats at dusk" : "words in names and descriptions";
  if (ranking && !ranking.source) clearRanking();
  searchTyped();
}

// Called once the page knows whether the function embeds its descriptions.
function searchConfigured() {
  $("search-mode-label").hidden = config.search !== true;
  searchModeChanged();
}

function wireSearch() {
  search.addEventListener("input", searchTyped);
  searchMode.addEventListener("change", searchModeChanged);
  $("ranking-clear").addEventListener("click", showAllAgain);
}
