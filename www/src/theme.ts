// Light and dark themes: the system's choice until the user picks one (remembered locally).

const ORDER = ["auto", "light", "dark"] as const;
type Theme = (typeof ORDER)[number];

function read(): Theme {
  try {
    const v = localStorage.getItem("rcml-sip-theme");
    return ORDER.includes(v as Theme) ? (v as Theme) : "auto";
  } catch {
    return "auto";
  }
}

function apply(theme: Theme, button: HTMLElement): void {
  if (theme === "auto") delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
  button.textContent = `Theme: ${theme}`;
  button.setAttribute("aria-label", `colour theme: ${theme} (change)`);
}

export function initTheme(button: HTMLElement): void {
  let theme = read();
  apply(theme, button);
  button.addEventListener("click", () => {
    theme = ORDER[(ORDER.indexOf(theme) + 1) % ORDER.length] ?? "auto";
    try {
      localStorage.setItem("rcml-sip-theme", theme);
    } catch {
      // Storage refused (private mode): the choice lasts for this page.
    }
    apply(theme, button);
  });
}
