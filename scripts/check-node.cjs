// Runs before `npm start` / `npm test` on any Node.js version (plain CommonJS, no syntax newer than ES5 needs),
// so that an old Node gets a sentence instead of "bad option: --import".
var need = [20, 19];
var have = process.versions.node.split('.').map(Number);
if (have[0] < need[0] || (have[0] === need[0] && have[1] < need[1])) {
  console.error('LAE Studio needs Node.js ' + need.join('.') + ' or newer; this is ' + process.version + '.\n' +
    'Install a current Node.js 20 or 22 (e.g. from https://nodejs.org, or `nvm install 20`), then run `npm ci` again.');
  process.exit(1);
}
