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
  // a headline or excerpt in its article's language: lang and dir from the article's data-pagefind-meta (only a
  // right-to-left one has a dir), else the page's language and dir="auto"
  const said = (e, meta) => {
    if (meta.lang) e.lang = meta.lang;
    e.dir = meta.dir || "auto";
    return e;
  };
  const append = async (list, hits) => {
    for (const hit of await Promise.all(hits.map((r) => r.data()))) {
      const li = el("li", "item");
      const h = el("h2");
      said(h, hit.meta); // an Arabic headline that begins 'OpenAI' still reads from the right
      const a = el("a", "", hit.meta.title || hit.url);
      a.href = hit.url;
      h.append(a);
      const meta = el("p", "meta", hit.meta.date);
      if (hit.meta.section) meta.append(hit.meta.date ? " · " : "", el("bdi", "", hit.meta.section)); // a name of either direction
      li.append(h, meta);
      li.append(said(excerpt(hit), hit.meta));
      list.append(li);
    }
  };
  // Pagefind's excerpt is words of the page's text, joined by spaces, with <mark> around hits and '<', '>' written
  // '&lt;', '&gt;', but a '&' as it is: its '&lt;' may be what the page says. So each word is the page's own, found
  // by lining the excerpt up with the text's words, where its marks are the hits' places (hit.locations: the same
  // words twice are told apart); only text nodes and <mark> are made, from the text a reader saw. The text opens
  // with the headline, the result's title: an excerpt that starts in it starts after it instead, as long
  const excerpt = (hit) => {
    const p = el("p");
    const shown = hit.excerpt.split(" ");
    const bare = shown.map((w) => w.replace(/^<mark>(.*)<\/mark>$/, "$1"));
    const words = hit.content.split(/[\r\n\s]+/g);
    const escaped = words.map((w) => w.replace(/</g, "&lt;").replace(/>/g, "&gt;"));
    const hits = new Set(hit.locations);
    const at = escaped.findIndex((_, i) => bare.every((w, k) => escaped[i + k] === w
                                                           && (w !== shown[k]) === hits.has(i + k)));
    if (at < 0 || (hit.raw_content || "").includes("\u200B")) { // not lined up (or words not split by spaces): '&lt;' is '<'
      const text = (part) => part.replace(/&lt;/g, "<").replace(/&gt;/g, ">");
      hit.excerpt.split(/<mark>(.*?)<\/mark>/).forEach((part, i) => {
        if (part) p.append(i % 2 ? el("mark", "", text(part)) : document.createTextNode(text(part)));
      });
      return p;
    }
    const title = (hit.meta.title || "").split(/\s+/).filter(Boolean);
    const headline = title.every((w, k) => words[k] === w || words[k] === w + ".") ? title.length : 0;
    const from = Math.max(at, headline);
    words.slice(from, from + shown.length).forEach((w, k) => {
      if (k) p.append(" ");
      p.append(hits.has(from + k) ? el("mark", "", w) : w);
    });
    return p;
  };
  input.form.addEventListener("submit", (event) => {
    event.preventDefault();
    const query = input.value.trim();
    history.replaceState(null, "", "?q=" + encodeURIComponent(query));
    show(query);
  });
  show(q);
})();
