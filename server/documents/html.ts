/** Text made safe inside HTML and its attributes. */
export const esc = (s: string) =>
  s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

/**
 * Tinos, Times New Roman's metric twin, served by the appliance (`/report-fonts/`): documents
 * meant for paper are set in Times New Roman as administrative papers are, and print the same
 * on a machine without it.
 */
export const TINOS_FACES = `@font-face { font-family: 'Tinos'; font-weight: 400; src: url('/report-fonts/tinos-vietnamese-400-normal.woff2') format('woff2'); unicode-range: U+0102-0103, U+0110-0111, U+0128-0129, U+0168-0169, U+01A0-01A1, U+01AF-01B0, U+0300-0301, U+0303-0304, U+0308-0309, U+0323, U+0329, U+1EA0-1EF9, U+20AB; }
@font-face { font-family: 'Tinos'; font-weight: 400; src: url('/report-fonts/tinos-latin-400-normal.woff2') format('woff2'); }
@font-face { font-family: 'Tinos'; font-weight: 700; src: url('/report-fonts/tinos-vietnamese-700-normal.woff2') format('woff2'); unicode-range: U+0102-0103, U+0110-0111, U+0128-0129, U+0168-0169, U+01A0-01A1, U+01AF-01B0, U+0300-0301, U+0303-0304, U+0308-0309, U+0323, U+0329, U+1EA0-1EF9, U+20AB; }
@font-face { font-family: 'Tinos'; font-weight: 700; src: url('/report-fonts/tinos-latin-700-normal.woff2') format('woff2'); }
@font-face { font-family: 'Tinos'; font-weight: 400; font-style: italic; src: url('/report-fonts/tinos-vietnamese-400-italic.woff2') format('woff2'); unicode-range: U+0102-0103, U+0110-0111, U+0128-0129, U+0168-0169, U+01A0-01A1, U+01AF-01B0, U+0300-0301, U+0303-0304, U+0308-0309, U+0323, U+0329, U+1EA0-1EF9, U+20AB; }
@font-face { font-family: 'Tinos'; font-weight: 400; font-style: italic; src: url('/report-fonts/tinos-latin-400-italic.woff2') format('woff2'); }
@font-face { font-family: 'Tinos'; font-weight: 700; font-style: italic; src: url('/report-fonts/tinos-vietnamese-700-italic.woff2') format('woff2'); unicode-range: U+0102-0103, U+0110-0111, U+0128-0129, U+0168-0169, U+01A0-01A1, U+01AF-01B0, U+0300-0301, U+0303-0304, U+0308-0309, U+0323, U+0329, U+1EA0-1EF9, U+20AB; }
@font-face { font-family: 'Tinos'; font-weight: 700; font-style: italic; src: url('/report-fonts/tinos-latin-700-italic.woff2') format('woff2'); }`;
