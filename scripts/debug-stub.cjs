// Stands in for the `debug` package in the bundles (see esbuild.mjs): heroku-client's debug output would print
// response bodies, config var values included, to stderr. Every logger it asks for does nothing.
module.exports = () => {
  const log = () => {};
  log.enabled = false;
  log.extend = () => log;
  return log;
};
module.exports.enable = () => {};
module.exports.disable = () => '';
module.exports.enabled = () => false;
