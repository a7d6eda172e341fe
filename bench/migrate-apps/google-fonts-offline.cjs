/* global module */
// Stands in for fonts.googleapis.com while the bench builds an app offline: `next/font/google` reads its CSS from
// here (NEXT_FONT_GOOGLE_MOCKED_RESPONSES), and takes each font file's URL as its bytes. The build then says
// nothing about the fonts themselves, only about the app's code.
module.exports = new Proxy(
  {},
  {
    get(_, url) {
      if (typeof url !== 'string') return undefined;
      const family = decodeURIComponent(/[?&]family=([^:&]+)/.exec(url)?.[1] ?? 'Offline').replace(/\+/g, ' ');
      return `@font-face {\n  font-family: '${family}';\n  font-style: normal;\n  font-weight: 400;\n  font-display: swap;\n  src: url(https://fonts.gstatic.com/s/offline/v1/font.woff2) format('woff2');\n}\n`;
    },
  },
);
