// news-digest search page: asks the Pagefind index (pagefind/pagefind.js) and lists title, date and section.
// No library. Until the index loads, the page shows links to the archive instead.
(async () => {
  const box = document.getElementById("search-results");
  const input = document.getElementById("search-q");
  if (!box || !input) return;
  const q = (new URLSearchParams(location.search).get("q") || "").trim();
  input.value = q;
  let pagefind;
  try {
    pagefind = await import(box.dataset.bundle + "pagefind.js");
    await pagefind.options({ baseUrl: box.dataset.base });
  } catch (e) {
    return; // no index (search off, or blocked): the archive links stay
  }
  document.getElementById("search-fallback").hidden = true;
  const el = (tag, cls, text) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  };
  // Only the count is a live region: a screen reader says it, not every result (an older template's box was live)
  box.removeAttribute("aria-live");
  const status = el("p", "count");
  status.setAttribute("role", "status");
  const area = el("div");
  box.replaceChildren(status, area);
  const title = document.title;
  const rules = new Intl.PluralRules(document.documentElement.lang);
  const PAGE = 20; // results shown at a time; a button shows the next ones
  let current = 0; // the latest search: an older one that ends later draws nothing
  const show = async (query) => {
    const mine = ++current;
    area.replaceChildren();
    status.textContent = "";
    document.title = query ? query + " · " + title : title;
    if (!query) return;
    const found = (await pagefind.search(query)).results;
    if (mine !== current) return;
    // the language's plural form of the count ("1 article matches", "2 articles match"), from data-found-one...
    const form = "found" + rules.select(found.length).replace(/^./, (c) => c.toUpperCase());
    const say = found.length ? box.dataset[form] || box.dataset.foundOther || box.dataset.found : box.dataset.none;
    // a function, not a string: a query holding "$&" is not a replacement pattern
    status.textContent = say.replace("{n}", () => found.length).replace("{q}", () => query);
    const list = el("ol", "results");
    const more = el("button", "more");
    more.type = "button";
    more.hidden = true;
    area.append(list, more);
    let busy = false; // a double click or Space then Enter: one more page, not the same one twice
    const next = async () => {
      if (busy) return;
      busy = true;
      const from = list.children.length;
      await append(list, found.slice(from, from + PAGE));
      busy = false;
      if (mine !== current) return;
      const left = found.length - list.children.length;
      more.textContent = box.dataset.more.replace("{n}", Math.min(left, PAGE));
      more.hidden = left <= 0;
      if (from) list.children[from].querySelector("a").focus(); // on, not back to the top
    };
    more.addEventListener("click", next);
    await next();
  };
  const append = async (list, hits) => {
    for (const hit of await Promise.all(hits.map((r) => r.data()))) {
      const li = el("li", "item");
      const h = el("h2");
      const a = el("a", "", hit.meta.title || hit.url);
      a.href = hit.url;
      h.append(a);
      li.append(h, el("p", "meta", [hit.meta.date, hit.meta.section].filter(Boolean).join(" · ")));
      // Pagefind's excerpt is the page's text with <mark> around hits and '<', '>' written '&lt;', '&gt;' (a '&'
      // as it is): only text nodes and <mark> are made, from the text a reader saw
      const excerpt = el("p");
      const text = (part) => part.replace(/&lt;/g, "<").replace(/&gt;/g, ">");
      hit.excerpt.split(/<mark>(.*?)<\/mark>/).forEach((part, i) => {
        if (part) excerpt.append(i % 2 ? el("mark", "", text(part)) : document.createTextNode(text(part)));
      });
      li.append(excerpt);
      list.append(li);
    }
  };
  input.form.addEventListener("submit", (event) => {
    event.preventDefault();
    const query = input.value.trim();
    history.replaceState(null, "", "?q=" + encodeURIComponent(query));
    show(query);
  });
  show(q);
})();
