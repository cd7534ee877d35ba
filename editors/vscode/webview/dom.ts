// A small element builder, so that the view code reads as the markup it makes.

type Child = Node | string | undefined | false;

/// `h("button", { id: "cancel", class: "secondary" }, "Cancel")`. Attributes whose value is
/// `false` or `undefined` are left out; `true` sets an empty attribute.
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | number | boolean | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children) {
    if (child !== undefined && child !== false) element.append(child);
  }
  return element;
}
