// Progressive enhancement of the search page: suggestions as you type, and the sort and
// record selectors apply at once. The page works without this file.
(function () {
  "use strict";
  const input = document.getElementById("q");
  const list = document.getElementById("suggestions");
  if (!input || !list) { return; }
  let timer = null;
  let asked = "";
  function fill(suggestions) {
    list.replaceChildren(...suggestions.map(function (item) {
      const option = document.createElement("option");
      option.value = item.text;
      if (item.facet) { option.label = item.text + " (" + item.facet.replace("_", " ") + ")"; }
      return option;
    }));
    document.body.dataset.suggestions = String(suggestions.length);
  }
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      const text = input.value.trim();
      if (text.length < 2 || text === asked) { return; }
      asked = text;
      fetch("/api/suggest?q=" + encodeURIComponent(text), { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
        .then(function (body) { if (asked === text) { fill(body.suggestions || []); } })
        .catch(function () { fill([]); });
    }, 150);
  });
  ["sort", "kind"].forEach(function (id) {
    const select = document.getElementById(id);
    if (select) { select.addEventListener("change", function () { select.form.submit(); }); }
  });
})();
