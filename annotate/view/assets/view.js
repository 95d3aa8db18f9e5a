/* citetrace reading view. Inlined into index.html. Reads the page's JSON data block and builds the
   details panel with DOM methods and textContent only: no text from a source is ever parsed as HTML. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("view-data").textContent);
  var $ = function (sel, root) { return (root || document).querySelector(sel); };
  var $$ = function (sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); };
  var details = document.getElementById("details-body");
  var detailsPanel = document.getElementById("details");
  var toast = document.getElementById("toast");
  var LABELS = { SUPPORTED: ["Supported", "supported"], REFUTED: ["Refuted", "refuted"], NOT_ENOUGH_INFO: ["Not enough info", "nei"] };
  var RELATIONS = { supports: "Supports", refutes: "Refutes", mentions: "Mentions" };

  /* evidence number -> the marked pieces of its quote in the text */
  var evEls = {};
  $$(".ev[data-ev]").forEach(function (el) {
    el.getAttribute("data-ev").split(" ").forEach(function (n) { (evEls[n] = evEls[n] || []).push(el); });
  });
  var claimButtons = $$("button.claim");
  var selectedClaim = -1;
  var selectedSentence = null;

  /* element builder: h("p", {class: "x"}, "text", child, ...) */
  function h(tag, attrs) {
    var el = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        if (attrs[k] === null || attrs[k] === undefined || attrs[k] === false) return;
        if (k === "text") el.textContent = attrs[k];
        else el.setAttribute(k, attrs[k] === true ? "" : attrs[k]);
      });
    }
    for (var i = 2; i < arguments.length; i++) {
      var c = arguments[i];
      if (c === null || c === undefined) continue;
      el.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    }
    return el;
  }
  function badge(text, cls) { return h("span", { "class": "badge " + cls, text: text }); }
  function citation(parts) {
    var p = h("p", { "class": "citation" });
    parts.forEach(function (part) { p.appendChild(part[1] ? h("i", { text: part[0] }) : document.createTextNode(part[0])); });
    return p;
  }

  /* --- clipboard ---------------------------------------------------------------------------- */
  function say(message) {
    toast.textContent = message;
    toast.classList.add("on");
    clearTimeout(say.timer);
    say.timer = setTimeout(function () { toast.classList.remove("on"); }, 2200);
  }
  function fallbackCopy(text) {
    var ta = h("textarea", { readonly: true, "aria-hidden": "true" });
    ta.value = text;
    ta.style.position = "fixed";
    ta.style.opacity = "0";
    document.body.appendChild(ta);
    ta.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    document.body.removeChild(ta);
    return ok;
  }
  function copyBibtex(key) {
    var ref = data.refs[key];
    if (!ref || !ref.bibtex) { say("No BibTeX entry for " + key + "."); return; }
    var done = function () { document.body.setAttribute("data-copied", key); say("Copied the BibTeX entry " + key + "."); };
    var fail = function () {
      if (fallbackCopy(ref.bibtex)) done(); else say("Could not copy; the entry is shown in the details panel.");
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(ref.bibtex).then(done, fail);
    } else {
      fail();
    }
  }
  function copyButton(key) {
    if (!data.refs[key] || !data.refs[key].bibtex) return null;
    return h("button", { type: "button", "class": "copy", "data-key": key, "aria-label": "Copy the BibTeX entry " + key, text: "Copy BibTeX" });
  }

  /* --- highlighting -------------------------------------------------------------------------- */
  function clearHighlights() {
    $$(".ev.hl").forEach(function (el) { el.classList.remove("hl", "hl-supports", "hl-refutes", "hl-mentions", "flash"); });
  }
  function revealSource(el) {
    var art = el.closest("article.source");
    if (art && art.hidden) { $("#f-source").value = ""; applyFilters(); }
  }
  function goToEvidence(n, focus) {
    var els = evEls[n];
    if (!els || !els.length) return false;
    revealSource(els[0]);
    els[0].scrollIntoView({ block: "center", behavior: window.matchMedia("(prefers-reduced-motion: reduce)").matches ? "auto" : "smooth" });
    els.forEach(function (el) { el.classList.remove("flash"); void el.offsetWidth; el.classList.add("flash"); });
    if (focus) {
      var s = els[0].closest(".s") || els[0];
      if (!s.hasAttribute("tabindex")) s.setAttribute("tabindex", "-1");
      s.focus({ preventScroll: true });
    }
    return true;
  }

  /* --- the details panel --------------------------------------------------------------------- */
  function setDetails(nodes) {
    details.textContent = "";
    nodes.forEach(function (n) { if (n) details.appendChild(n); });
    detailsPanel.classList.add("has-content");
    detailsPanel.scrollTop = 0;
  }
  function evidenceKey(ev) {
    if (ev.key) return ev.key;
    var src = ev.doc >= 0 ? data.sources[ev.doc] : null;
    return src ? src.key : null;
  }
  function sourceTitle(ev) {
    var src = ev.doc >= 0 ? data.sources[ev.doc] : null;
    return src ? src.title : ev.source;
  }
  function quoteOf(n) {
    var ev = data.evidence[n];
    if (typeof ev.quote === "string") return ev.quote;
    return (evEls[n] || []).map(function (el) { return el.textContent; }).join("");
  }
  function citeBlock(key, reason) {
    var ref = data.refs[key];
    var box = h("div", { "class": "cite-block" });
    box.appendChild(ref ? citation(ref.citation) : h("p", { text: key }));
    if (ref && ref.annotation) box.appendChild(h("p", { "class": "reason", text: ref.annotation }));
    if (reason) box.appendChild(h("p", { "class": "reason", text: reason }));
    box.appendChild(h("div", { "class": "row" }, h("code", { "class": "key", text: key }), copyButton(key)));
    return box;
  }
  function claimDetails(i) {
    var c = data.claims[i];
    var label = LABELS[c.label] || [c.label, "nei"];
    var out = [];
    out.push(h("h3", { text: "Claim" }));
    out.push(h("blockquote", { "class": "claim-quote", text: c.text }));
    var badges = h("div", { "class": "badges" }, badge(label[0], label[1]));
    if (c.corroborated) badges.appendChild(badge("Corroborated", "corroborated"));
    if (c.conflict) badges.appendChild(badge("Conflict", "conflict"));
    out.push(badges);
    var origin = c.origin === "extracted" ? "Extracted from " + (c.passage || c.source || "a source") : "Supplied claim";
    if (c.speaker) origin += "; quoted speech of " + c.speaker + (c.quotedBy ? " (quoted by " + c.quotedBy + ")" : "");
    out.push(h("p", { "class": "facts", text: origin + " · id " + c.id }));
    if (c.explanation) out.push(h("p", { "class": "explain", text: c.explanation }));
    out.push(h("h3", { text: "Evidence (" + (c.evidence || []).length + ")" }));
    if (!(c.evidence || []).length) out.push(h("p", { "class": "hint", text: "No passage bears on this claim." }));
    else {
      var ol = h("ol", { "class": "evidence" });
      (c.evidence || []).forEach(function (n) {
        var ev = data.evidence[n];
        var li = h("li", { "data-evidence": String(n) });
        li.appendChild(h("div", { "class": "row" }, badge(RELATIONS[ev.relation] || ev.relation, ev.relation),
          h("span", { text: sourceTitle(ev) + (evidenceKey(ev) ? " [" + evidenceKey(ev) + "]" : "") })));
        li.appendChild(h("blockquote", { text: quoteOf(n) }));
        li.appendChild(h("p", { "class": "facts", text: ev.passage + " · raw " + ev.start + "–" + ev.end + (ev.located ? "" : " · not found at these offsets") }));
        if ((ev.matched || []).length) li.appendChild(h("p", { "class": "facts", text: "Matched: " + ev.matched.join("; ") }));
        if ((ev.conflicts || []).length) li.appendChild(h("p", { "class": "facts", text: "Conflicts: " + ev.conflicts.join("; ") }));
        if (evEls[n]) li.appendChild(h("button", { type: "button", "class": "small-btn goto", "data-evidence": String(n), text: "Show in text" }));
        ol.appendChild(li);
      });
      out.push(ol);
    }
    if ((c.conflicts || []).length) {
      out.push(h("h3", { text: "Conflicts" }));
      var ul = h("ul");
      (c.conflicts || []).forEach(function (cf) {
        ul.appendChild(h("li", { text: cf.facet + ": " + cf.first + " (" + cf.firstSource + ") vs " + cf.second + " (" + cf.secondSource + ")" }));
      });
      out.push(ul);
    }
    out.push(h("h3", { text: "Cited sources" }));
    if (!(c.cites || []).length) out.push(h("p", { "class": "hint", text: "No cited source." }));
    (c.cites || []).forEach(function (key) { out.push(citeBlock(key)); });
    if ((c.reading || []).length) {
      out.push(h("h3", { text: "Further reading" }));
      (c.reading || []).forEach(function (r) { out.push(citeBlock(r.key, r.reason)); });
    }
    return out;
  }

  function selectClaim(i, opts) {
    opts = opts || {};
    if (i < 0 || i >= data.claims.length) return;
    clearHighlights();
    clearSentence();
    selectedClaim = i;
    claimButtons.forEach(function (b, j) { b.setAttribute("aria-pressed", j === i ? "true" : "false"); });
    var c = data.claims[i];
    var first = null;
    (c.evidence || []).forEach(function (n) {
      var rel = data.evidence[n].relation;
      (evEls[n] || []).forEach(function (el) { el.classList.add("hl", "hl-" + rel); });
      if (first === null && evEls[n]) first = n;
    });
    setDetails(claimDetails(i));
    if (opts.scroll !== false && first !== null) goToEvidence(first, false);
    if (history.replaceState) { try { history.replaceState(null, "", "#claim-" + i); } catch (e) { /* file:// may refuse */ } }
  }

  /* --- sentences ----------------------------------------------------------------------------- */
  function clearSentence() {
    if (selectedSentence) selectedSentence.classList.remove("sel");
    selectedSentence = null;
  }
  function sentenceDetails(el) {
    var si = el.getAttribute("data-si");
    var info = si !== null ? data.sentences[Number(si)] : null;
    var out = [h("h3", { text: "Sentence" })];
    out.push(h("blockquote", { text: el.textContent }));
    out.push(h("p", { "class": "facts", text: el.getAttribute("data-passage") + " · raw " + el.getAttribute("data-start") + "–" + el.getAttribute("data-end") }));
    var groups = { supports: [], refutes: [], mentions: [] };
    if (info) (info.claims || []).forEach(function (pair) { (groups[pair[1]] || groups.mentions).push(pair[0]); });
    [["supports", "Claims it supports"], ["refutes", "Claims it refutes"], ["mentions", "Claims it mentions"]].forEach(function (g) {
      var list = groups[g[0]];
      if (!list.length && g[0] === "mentions") return;
      out.push(h("h3", { text: g[1] + " (" + list.length + ")" }));
      if (!list.length) { out.push(h("p", { "class": "hint", text: "None." })); return; }
      var ul = h("ul");
      list.forEach(function (ci) {
        var c = data.claims[ci];
        var label = LABELS[c.label] || [c.label, "nei"];
        ul.appendChild(h("li", null, badge(label[0], label[1]), " ",
          h("button", { type: "button", "class": "claim-link", "data-claim": String(ci), text: c.text })));
      });
      out.push(ul);
    });
    if (info && (info.reading || []).length) {
      out.push(h("h3", { text: "Further reading" }));
      info.reading.forEach(function (r) { out.push(citeBlock(r.key, r.reason)); });
    }
    return out;
  }
  function selectSentence(el) {
    clearHighlights();
    clearSentence();
    selectedClaim = -1;
    claimButtons.forEach(function (b) { b.setAttribute("aria-pressed", "false"); });
    selectedSentence = el;
    el.classList.add("sel");
    setDetails(sentenceDetails(el));
  }
  function removalDetails(el) {
    clearSentence();
    setDetails([
      h("h3", { text: "Removed residue" }),
      h("p", { "class": "explain", text: el.getAttribute("title") || "" }),
      h("blockquote", { text: el.textContent }),
      h("p", { "class": "facts", text: "raw " + el.getAttribute("data-start") + "–" + el.getAttribute("data-end") + " · " + el.getAttribute("data-kind") })
    ]);
  }

  /* --- filters and search -------------------------------------------------------------------- */
  var statusEl = document.getElementById("claims-status");
  var searchStatus = document.getElementById("search-status");
  function applyFilters() {
    var source = $("#f-source").value, verdict = $("#f-verdict").value, person = $("#f-person").value;
    var shown = 0;
    claimButtons.forEach(function (b) {
      var ok = (!source || (" " + b.getAttribute("data-sources") + " ").indexOf(" " + source + " ") >= 0) &&
        (!verdict || b.getAttribute("data-label") === verdict || (" " + b.getAttribute("data-flags") + " ").indexOf(" " + verdict + " ") >= 0) &&
        (!person || (" " + b.getAttribute("data-persons") + " ").indexOf(" " + person + " ") >= 0);
      b.parentNode.hidden = !ok;
      if (ok) shown++;
    });
    $$("article.source").forEach(function (a) { a.hidden = !!source && a.getAttribute("data-source") !== source; });
    if (statusEl) statusEl.textContent = "Showing " + shown + " of " + claimButtons.length + " claims.";
    resetRoving();
  }
  var blocks = $$(".text .b[data-passage]");
  var blockText = null;
  function textOf(el) {
    var walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT, {
      acceptNode: function (n) { return n.parentNode.closest("del.rm, .extra, .gap") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT; }
    });
    var nodes = [], n;
    while ((n = walker.nextNode())) nodes.push(n);
    return nodes;
  }
  function applySearch() {
    var q = $("#f-search").value.trim().toLowerCase();
    if (!blockText) blockText = blocks.map(function (b) { var nodes = textOf(b); return { nodes: nodes, text: nodes.map(function (n) { return n.data; }).join("").toLowerCase() }; });
    var ranges = [], count = 0;
    blocks.forEach(function (b, i) {
      var hit = !q || blockText[i].text.indexOf(q) >= 0;
      b.classList.toggle("nomatch", !hit && !/^H[1-6]$/.test(b.tagName));
      if (q && hit) {
        count++;
        blockText[i].nodes.forEach(function (node) {
          var low = node.data.toLowerCase(), at = low.indexOf(q);
          while (at >= 0 && typeof Range !== "undefined") {
            var r = document.createRange();
            r.setStart(node, at); r.setEnd(node, at + q.length);
            ranges.push(r);
            at = low.indexOf(q, at + q.length);
          }
        });
      }
    });
    if (window.CSS && CSS.highlights && typeof Highlight !== "undefined") {
      CSS.highlights.delete("search");
      if (ranges.length) {
        var found = new Highlight();
        ranges.forEach(function (r) { found.add(r); });
        CSS.highlights.set("search", found);
      }
    }
    searchStatus.textContent = q ? count + (count === 1 ? " passage matches" : " passages match") + " \u201c" + q + "\u201d." : "";
  }

  /* --- keyboard: one tab stop for the claims list, arrows move within it ----------------------- */
  function visibleClaims() { return claimButtons.filter(function (b) { return !b.parentNode.hidden; }); }
  function resetRoving() {
    var vis = visibleClaims();
    var current = vis.filter(function (b) { return b.getAttribute("aria-pressed") === "true"; })[0] || vis[0];
    claimButtons.forEach(function (b) { b.setAttribute("tabindex", b === current ? "0" : "-1"); });
  }
  function moveFocus(from, delta) {
    var vis = visibleClaims();
    var k = vis.indexOf(from);
    var next = delta === Infinity ? vis[vis.length - 1] : delta === -Infinity ? vis[0] : vis[Math.max(0, Math.min(vis.length - 1, k + delta))];
    if (!next) return;
    claimButtons.forEach(function (b) { b.setAttribute("tabindex", b === next ? "0" : "-1"); });
    next.focus();
  }

  /* --- events -------------------------------------------------------------------------------- */
  document.addEventListener("click", function (e) {
    var t = e.target;
    if (!(t instanceof Element)) return;
    var copy = t.closest("button.copy");
    if (copy) { copyBibtex(copy.getAttribute("data-key")); return; }
    var claim = t.closest("button.claim, button.claim-link");
    if (claim) {
      selectClaim(Number(claim.getAttribute("data-claim")));
      resetRoving();
      return;
    }
    var go = t.closest("button.goto");
    if (go) { goToEvidence(go.getAttribute("data-evidence"), true); return; }
    var rm = t.closest("del.rm");
    if (rm) { removalDetails(rm); return; }
    var s = t.closest(".text .s");
    if (s && !window.getSelection().toString()) selectSentence(s);
  });
  document.addEventListener("keydown", function (e) {
    var t = e.target;
    if (!(t instanceof Element)) return;
    if (t.matches(".s[role=button]") && (e.key === "Enter" || e.key === " ")) { e.preventDefault(); selectSentence(t); return; }
    if (t.matches("button.claim")) {
      if (e.key === "ArrowDown") { e.preventDefault(); moveFocus(t, 1); }
      else if (e.key === "ArrowUp") { e.preventDefault(); moveFocus(t, -1); }
      else if (e.key === "Home") { e.preventDefault(); moveFocus(t, -Infinity); }
      else if (e.key === "End") { e.preventDefault(); moveFocus(t, Infinity); }
    }
    if (e.key === "Escape" && (selectedClaim >= 0 || selectedSentence)) {
      clearHighlights(); clearSentence(); selectedClaim = -1;
      claimButtons.forEach(function (b) { b.setAttribute("aria-pressed", "false"); });
    }
  });
  ["f-source", "f-verdict", "f-person"].forEach(function (id) { var el = document.getElementById(id); if (el) el.addEventListener("change", applyFilters); });
  var searchTimer = null;
  $("#f-search").addEventListener("input", function () { clearTimeout(searchTimer); searchTimer = setTimeout(applySearch, 120); });
  $(".filters").addEventListener("submit", function (e) { e.preventDefault(); applySearch(); });
  $("#f-removed").addEventListener("change", function (e) { document.body.classList.toggle("show-removed", e.target.checked); });

  applyFilters();
  var m = /^#claim-(\d+)$/.exec(location.hash);
  if (m) selectClaim(Number(m[1]));
  document.body.setAttribute("data-ready", "1");
})();
