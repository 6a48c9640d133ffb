// Lambda bundles import @aws-sdk/util-dynamodb through this file (lib/bundling.ts): require() skips the export-name scan Node runs on a CommonJS package imported from ESM.
// Called indirectly, so that esbuild leaves it to the runtime instead of aliasing it back to this file.
const load = require;
module.exports = load('@aws-sdk/util-dynamodb');
