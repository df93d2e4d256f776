/**
 * The page's two tabs (WAI-ARIA tabs pattern): arrow keys, Home and End move between them, the URL's hash
 * (#check, #notices) opens one, so a link can point at the register.
 */
export type Tabs = { select(name: string, focus?: boolean): void; onSelect(listener: (name: string) => void): void };

export function createTabs(tablist: HTMLElement): Tabs {
  const tabs = [...tablist.querySelectorAll<HTMLButtonElement>('[role="tab"]')];
  const listeners: ((name: string) => void)[] = [];
  const nameOf = (tab: HTMLElement) => tab.id.replace(/^tab-/, "");
  const select = (name: string, focus = false) => {
    const chosen = tabs.find((tab) => nameOf(tab) === name) ?? tabs[0]!;
    for (const tab of tabs) {
      const selected = tab === chosen;
      tab.setAttribute("aria-selected", String(selected));
      tab.tabIndex = selected ? 0 : -1;
      document.getElementById(tab.getAttribute("aria-controls")!)!.hidden = !selected;
    }
    if (focus) chosen.focus();
    history.replaceState(null, "", `${location.pathname}${location.search}#${nameOf(chosen)}`);
    for (const listener of listeners) listener(nameOf(chosen));
  };
  for (const [index, tab] of tabs.entries()) {
    tab.addEventListener("click", () => select(nameOf(tab)));
    tab.addEventListener("keydown", (event) => {
      const next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: tabs.length - 1 }[event.key];
      if (next === undefined) return;
      event.preventDefault();
      select(nameOf(tabs[(next + tabs.length) % tabs.length]!), true);
    });
  }
  return { select, onSelect: (listener) => listeners.push(listener) };
}
