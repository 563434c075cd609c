// Runs as a module once the page is parsed. A page without islands fetches nothing. Otherwise
// the script and its WebAssembly load, and each island wakes from the outside in: an island's
// children (inside <leptos-children>) are prepared by their island before any island among
// them wakes.
(script, wasm) => {
  // Row menus (<details class="actions-menu">): Escape or a click elsewhere closes them. Their
  // shared `name` already closes one when another opens, with or without this script.
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    for (const menu of document.querySelectorAll("details.actions-menu[open]")) {
      menu.open = false;
      menu.querySelector("summary")?.focus();
    }
  });
  document.addEventListener("click", (event) => {
    for (const menu of document.querySelectorAll("details.actions-menu[open]")) {
      if (!menu.contains(event.target)) menu.open = false;
    }
  });
  if (!document.querySelector("leptos-island")) return;
  const childrenOfOuterIsland = [];

  async function wake(island, exports) {
    const name = island.dataset.component;
    const start = exports[name];
    if (!start) {
      console.warn(`Roster: no WebAssembly function for the island ${name}`);
      return;
    }
    const prepareChildren = childrenOfOuterIsland.at(-1);
    if (prepareChildren) prepareChildren();
    await start(island);
  }

  async function walk(parent, exports) {
    for (const node of parent.children) {
      if (node.localName === "leptos-island") {
        await wake(node, exports);
        await walk(node, exports);
      } else if (node.localName === "leptos-children") {
        childrenOfOuterIsland.push(node.$$on_hydrate);
        await walk(node, exports);
        childrenOfOuterIsland.pop();
      } else {
        await walk(node, exports);
      }
    }
  }

  import(script).then(async (exports) => {
    await exports.default({ module_or_path: wasm });
    exports.hydrate();
    await walk(document.body, exports);
  });
}
