// Lets unit tests import Markdown templates as text, as esbuild's text loader does.
const fs = require('node:fs');
require.extensions['.md'] = (module, filename) => {
  module.exports = { __esModule: true, default: fs.readFileSync(filename, 'utf8') };
};
