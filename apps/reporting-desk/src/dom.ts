/// <reference lib="dom" />
type Attrs = Record<string, string | number | boolean | null | undefined | EventListener>;
type Child = Node | string | number | null | undefined | false | Child[];

/** A tiny hyperscript: h('p', {class: 'x'}, 'text'). Strings are text nodes, never HTML. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === 'function') el.addEventListener(key.replace(/^on/, ''), value);
    else if (value === true) el.setAttribute(key, '');
    else el.setAttribute(key, String(value));
  }
  append(el, children);
  return el;
}

function append(el: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.appendChild(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }
}

export function replace(target: Element, ...children: Child[]): void {
  target.replaceChildren();
  append(target, children);
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} missing from the page`);
  return el as T;
}

/** Marks a section busy or ready (tests and screen readers both read it). */
export function setState(section: Element, state: 'loading' | 'ready' | 'error', asOf?: string, knownAt?: string | null): void {
  section.setAttribute('data-state', state);
  section.setAttribute('aria-busy', String(state === 'loading'));
  if (asOf) section.setAttribute('data-as-of', asOf);
  if (knownAt !== undefined) section.setAttribute('data-known-at', knownAt ?? '');
}

export const humanStatus = (s: string): string => s.replace(/_/g, ' ');

/** A link to a pledge's history: a real link (it carries the URL that opens it), opened in place on click. */
export function pledgeLink(id: string, label: string, open: (id: string) => void): HTMLAnchorElement {
  const params = new URLSearchParams(location.search);
  params.set('pledge', id);
  return h('a', { href: `?${params.toString()}`, 'data-pledge-link': id, onclick: (e: Event) => { e.preventDefault(); open(id); } }, label);
}
