// image-trust-server: the language server process (`image-trust-server --stdio`; VS Code may
// start it with --node-ipc).
import { setFlagsFromString } from 'node:v8';
import { runServerProcess } from './lsp/stdio.js';

// An editor keeps this process for hours beside many others: have V8 favour a small heap over peak
// speed (with 10,000 references open, RSS went from about 150 MB to 110–145 MB in `npm run bench`).
setFlagsFromString('--optimize-for-size');
runServerProcess();
