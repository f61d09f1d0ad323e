#!/usr/bin/env node
'use strict';
// A stand-in for the VS Code executable that @vscode/test-electron's runTests() spawns (vscodeExecutablePath).
// It accepts VS Code's flags (--extensionDevelopmentPath=, --extensionTestsPath=, --user-data-dir=,
// --extensions-dir=, a folder to open; everything else is ignored), starts code-server on a free 127.0.0.1 port
// with the smoke-test driver enabled (the only way the built workbench honours the `payload` that names the
// tests), opens the workbench in headless Chromium, forwards the extension host's console and exits with the
// tests' exit code. The tests themselves run in code-server's real Node extension host.
//
// Env: CODE_SERVER                 code-server binary (default: node_modules/.bin/code-server beside this file)
//      CHROMIUM                    browser binary (default: `chromium` on PATH, Debian package chromium)
//      VSCODE_HOST_TIMEOUT_MS      give up after this long (default 300000) → exit 124
//      VSCODE_HOST_VERBOSE=1       also print code-server output and workbench console
//      VSCODE_HOST_UNTRUSTED=1     ignore --disable-workspace-trust (test-electron always passes it) and open the
//                                  folder in restricted mode, to test an extension's untrusted-workspace behaviour
//      VSCODE_HOST_SCREENSHOT=f.png  screenshot of the workbench when the tests end
//      VSCODE_HOST_SCREENSHOT_DIR  where tests may ask for screenshots during the run: an extension-host line
//                                  `[vscode-host:screenshot] name.png` makes the shim save DIR/name.png, then
//                                  write DIR/name.png.done so the test can wait for it (the browser is only
//                                  reachable from this process).
const { spawn, execSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const net = require('net');
const http = require('http');
const { chromium } = require('playwright-core');

const QUIET_USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'chat.disableAIFeatures': true,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.tips.enabled': false,
};

function parseArgs(argv) {
  const o = {
    dev: [],
    tests: undefined,
    userDataDir: undefined,
    extensionsDir: undefined,
    folder: undefined,
    disableTrust: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const m = /^--([^=]+)=(.*)$/s.exec(a);
    const value = (name) => (m && m[1] === name ? m[2] : a === '--' + name ? argv[++i] : undefined);
    let v;
    if ((v = value('extensionDevelopmentPath')) !== undefined) o.dev.push(path.resolve(v));
    else if ((v = value('extensionTestsPath')) !== undefined) o.tests = path.resolve(v);
    else if ((v = value('user-data-dir')) !== undefined) o.userDataDir = path.resolve(v);
    else if ((v = value('extensions-dir')) !== undefined) o.extensionsDir = path.resolve(v);
    else if (a === '--disable-workspace-trust') o.disableTrust = true;
    else if (!a.startsWith('-')) o.folder = path.resolve(a);
  }
  return o;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function healthy(port) {
  return new Promise((resolve) => {
    http
      .get({ host: '127.0.0.1', port, path: '/healthz', timeout: 1000 }, (r) => {
        r.resume();
        resolve(r.statusCode === 200);
      })
      .on('error', () => resolve(false));
  });
}

// Waits for code-server's "HTTP server listening" line (an event), with /healthz as the confirmation.
function waitForServer(cs, port, timeoutMs) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error('code-server did not start within ' + timeoutMs + ' ms')),
      timeoutMs,
    );
    const onData = async (d) => {
      if (!/listening on|HTTP server listening/i.test(String(d))) return;
      if (await healthy(port)) {
        clearTimeout(timer);
        resolve();
      }
    };
    cs.stdout.on('data', onData);
    cs.stderr.on('data', onData);
    cs.once('exit', (c) => {
      clearTimeout(timer);
      reject(new Error('code-server exited with ' + c));
    });
  });
}

function extensionHostText(t) {
  return t
    .replace(/^%c\[Extension Host\] %c/, '')
    .replace(/^color: \S+ color: \S*\s*/, '')
    .replace(/^ +/, '');
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const verbose = !!process.env.VSCODE_HOST_VERBOSE;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vscode-host-'));
  const userDataDir = o.userDataDir || path.join(tmp, 'user-data');
  const extensionsDir = o.extensionsDir || path.join(tmp, 'extensions');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  const userSettings = path.join(userDataDir, 'User', 'settings.json');
  const untrusted = !!process.env.VSCODE_HOST_UNTRUSTED;
  // Restricted mode without the modal trust prompt, which would block a headless run.
  const trustSettings = untrusted
    ? { 'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.enabled': true }
    : {};
  // The caller's user settings win over the quiet defaults; a file that is not plain JSON is left alone.
  let existing = {};
  let parsable = true;
  if (fs.existsSync(userSettings)) {
    try {
      existing = JSON.parse(fs.readFileSync(userSettings, 'utf8') || '{}');
    } catch {
      parsable = false;
    }
  }
  if (parsable)
    fs.writeFileSync(userSettings, JSON.stringify({ ...QUIET_USER_SETTINGS, ...existing, ...trustSettings }, null, 2));
  let folder = o.folder;
  if (!folder) {
    folder = path.join(tmp, 'empty-workspace');
    fs.mkdirSync(folder, { recursive: true });
  }

  const port = await freePort();
  const bin = process.env.CODE_SERVER || path.join(__dirname, 'node_modules', '.bin', 'code-server');
  // XDG_*: keep code-server's config.yaml / logs and Chromium's crash reports out of $HOME.
  const env = {
    ...process.env,
    XDG_CONFIG_HOME: path.join(tmp, 'xdg-config'),
    XDG_DATA_HOME: path.join(tmp, 'xdg-data'),
    XDG_CACHE_HOME: path.join(tmp, 'xdg-cache'),
  };
  const cs = spawn(
    bin,
    [
      '--auth',
      'none',
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--user-data-dir',
      userDataDir,
      '--extensions-dir',
      extensionsDir,
      '--vscode-option',
      'enable-smoke-test-driver',
      ...(o.disableTrust && !untrusted ? ['--disable-workspace-trust'] : []),
    ],
    { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  if (verbose) {
    cs.stdout.on('data', (d) => process.stderr.write('[code-server] ' + d));
    cs.stderr.on('data', (d) => process.stderr.write('[code-server] ' + d));
  }
  // code-server runs in its own process group: killing the group leaves no file-watcher orphans.
  const cleanup = () => {
    try {
      process.kill(-cs.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
    fs.rmSync(tmp, { recursive: true, force: true });
  };
  process.on('SIGINT', () => {
    cleanup();
    process.exit(130);
  });
  process.on('SIGTERM', () => {
    cleanup();
    process.exit(143);
  });

  let browser;
  let code = 1;
  try {
    const t0 = Date.now();
    await waitForServer(cs, port, 60000);
    if (verbose) console.error(`vscode-host: code-server up in ${Date.now() - t0} ms`);
    const authority = `127.0.0.1:${port}`;
    const remote = (p) => `vscode-remote://${authority}${p}`;
    const payload = [
      ...o.dev.map((d) => ['extensionDevelopmentPath', remote(d)]),
      ['skipWelcome', 'true'],
      ['skipReleaseNotes', 'true'],
    ];
    if (o.tests) payload.push(['extensionTestsPath', remote(o.tests)]);
    const url = `http://${authority}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    const executablePath = process.env.CHROMIUM || execSync('command -v chromium').toString().trim();
    browser = await chromium.launchPersistentContext(path.join(tmp, 'chromium-profile'), {
      executablePath,
      headless: true,
      env,
      viewport: { width: 1280, height: 800 },
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    const page = browser.pages()[0] || (await browser.newPage());
    let done;
    const exited = new Promise((r) => (done = r));
    const shotDir = process.env.VSCODE_HOST_SCREENSHOT_DIR;
    // Extension-host output arrives through codeAutomationLog (smoke-test driver) or the page console.
    const hostLine = (line) => {
      const shot = /\[vscode-host:screenshot\] (\S+)/.exec(line);
      if (!shot || !shotDir) return false;
      const file = path.join(shotDir, path.basename(shot[1]));
      page
        .screenshot({ path: file })
        .catch((e) => console.error('vscode-host: screenshot failed', e.message))
        .finally(() => fs.writeFileSync(file + '.done', ''));
      return true;
    };
    await page.exposeFunction('codeAutomationLog', (_type, args) => {
      const parts = Array.isArray(args) ? args : [args];
      if (!hostLine(parts.map(String).join(' '))) console.log(...parts);
    });
    await page.exposeFunction('codeAutomationExit', (c) => done(c));
    page.on('console', (m) => {
      const t = m.text();
      if (!t.includes('[Extension Host]')) {
        if (verbose) console.error('[workbench]', t.slice(0, 500));
        return;
      }
      const line = extensionHostText(t);
      if (!hostLine(line)) console.log(line);
    });
    page.on('pageerror', (e) => console.error('[workbench error]', e.message));
    const timer = setTimeout(
      () => {
        console.error('vscode-host: timed out waiting for the extension tests');
        done(124);
      },
      Number(process.env.VSCODE_HOST_TIMEOUT_MS || 300000),
    );
    await page.goto(url);
    if (!o.tests) {
      console.error(`vscode-host: no --extensionTestsPath; workbench at http://${authority}/ (Ctrl-C to stop)`);
      await new Promise(() => {});
    }
    code = await exited;
    clearTimeout(timer);
    if (process.env.VSCODE_HOST_SCREENSHOT) {
      await page
        .screenshot({ path: process.env.VSCODE_HOST_SCREENSHOT })
        .catch((e) => console.error('vscode-host: screenshot failed', e.message));
    }
  } catch (e) {
    console.error('vscode-host:', e && e.stack ? e.stack : e);
    code = 1;
  } finally {
    if (browser) await browser.close().catch(() => {});
    cleanup();
  }
  process.exit(code);
}

main();
