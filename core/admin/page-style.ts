/**
 * UMS's look on top of AdminJS's theme: system fonts (no font host is asked), grey text dark enough
 * for WCAG AA on white and on the grey page background, and what narrow screens (390 px phones) need.
 * The theme values go into AdminJS's branding; the stylesheet is served by page-assets.ts.
 */

/** The platform's own UI fonts; Noto Sans Bengali where the system has it, for names in Bengali. */
export const SYSTEM_FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans Bengali", "Helvetica Neue", Arial, sans-serif';

/**
 * AdminJS's grey60 (#898A9A, field labels on show pages and filters) has a contrast of 3.4:1 on white;
 * #5F6070 has 6.3:1 on white and 5.8:1 on the page grey (#F6F7FB): WCAG AA asks for 4.5:1.
 */
export const THEME_OVERRIDES = {
  font: SYSTEM_FONT,
  colors: { grey60: '#5F6070' },
};

export const ADMIN_CSS = `
html, body, input, textarea, select, button { font-family: ${SYSTEM_FONT}; }
/* Money and dates never break inside a value ("12 / 0" on two lines). */
[data-ums-nowrap] { white-space: nowrap; }
@media (max-width: 640px) {
  /* Lists scroll sideways inside their card instead of widening the page. */
  section[data-css$="-list"], [data-css$="-table-wrapper"], [data-testid="inbox"] { overflow-x: auto; max-width: 100vw; }
  [data-css="breadcrumbs"], nav[aria-label="breadcrumb"] { flex-wrap: wrap; white-space: normal; }
}
`;

/** A plain "U" mark in the theme's primary colour. */
export const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#3040D6"/><path d="M9 8v10a7 7 0 0 0 14 0V8h-4v10a3 3 0 0 1-6 0V8z" fill="#fff"/></svg>`;
