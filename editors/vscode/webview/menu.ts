// A context menu of our own: a webview gets no native one to add items to.
import { h } from "./dom";

export interface MenuItem {
  label: string;
  run(): void;
}

let closeOpenMenu: (() => void) | undefined;

/// Opens the menu at (x, y), clamped into the window, with focus on its first item. It closes
/// on a choice, Escape (giving focus back to `owner`), a click elsewhere, scrolling, a resize
/// or the window losing focus.
export function showMenu(x: number, y: number, items: MenuItem[], owner: HTMLElement): void {
  closeOpenMenu?.();
  const buttons = items.map((item) => {
    const button = h("button", { type: "button", role: "menuitem", tabindex: -1 }, item.label);
    button.addEventListener("click", () => {
      close();
      item.run();
    });
    return button;
  });
  const menu = h("div", { class: "context-menu", role: "menu" }, ...buttons);
  document.body.append(menu);
  const { width, height } = menu.getBoundingClientRect();
  menu.style.left = `${Math.max(0, Math.min(x, innerWidth - width - 4))}px`;
  menu.style.top = `${Math.max(0, Math.min(y, innerHeight - height - 4))}px`;
  buttons[0]?.focus();

  const onKey = (event: KeyboardEvent) => {
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const step = { ArrowDown: 1, ArrowUp: -1 }[event.key];
    if (step !== undefined) {
      buttons[(at + step + buttons.length) % buttons.length].focus();
    } else if (event.key === "Home" || event.key === "End") {
      buttons[event.key === "Home" ? 0 : buttons.length - 1].focus();
    } else if (event.key === "Escape" || event.key === "Tab") {
      close();
      owner.focus({ preventScroll: true });
    } else {
      return;
    }
    event.preventDefault();
    event.stopPropagation();
  };
  const onPointer = (event: Event) => {
    if (!menu.contains(event.target as Node)) close();
  };
  const onScroll = (event: Event) => {
    if (!menu.contains(event.target as Node)) close();
  };
  menu.addEventListener("keydown", onKey);
  document.addEventListener("pointerdown", onPointer, true);
  document.addEventListener("scroll", onScroll, true);
  window.addEventListener("resize", close);
  window.addEventListener("blur", close);

  function close() {
    closeOpenMenu = undefined;
    document.removeEventListener("pointerdown", onPointer, true);
    document.removeEventListener("scroll", onScroll, true);
    window.removeEventListener("resize", close);
    window.removeEventListener("blur", close);
    menu.remove();
  }
  closeOpenMenu = close;
}

export function closeMenu(): void {
  closeOpenMenu?.();
}
