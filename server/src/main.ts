// image-trust-server: the language server process (`image-trust-server --stdio`; VS Code may
// start it with --node-ipc).
import { runServerProcess } from './lsp/stdio.js';

runServerProcess();
