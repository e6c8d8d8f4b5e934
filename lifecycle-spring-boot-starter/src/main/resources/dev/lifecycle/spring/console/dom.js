/*
 * Small helpers to find and make elements of the page.
 */

const SVG = 'http://www.w3.org/2000/svg';

/** The element of the page with this id. */
export const $ = (id) => document.getElementById(id);

/** An SVG element with these attributes. */
export function svg(name, attributes) {
  const element = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attributes)) {
    element.setAttribute(k, String(v));
  }
  return element;
}

/** An HTML element holding this text. */
export function textElement(tag, text) {
  const element = document.createElement(tag);
  element.textContent = text;
  return element;
}
