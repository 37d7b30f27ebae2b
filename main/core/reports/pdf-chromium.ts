/**
 * HTML → PDF with a headless Chromium, for tests and the CLI (`report --out x.pdf`); the
 * desktop uses Electron's printToPDF instead. Each call works in its own temp folder (the page,
 * a throwaway profile, the PDF) which is removed afterwards, and kills Chromium's process group
 * if it runs past the timeout.
 */
import { spawn } from 'node:child_process';
import { constants } from 'node:fs';
import { access, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface HtmlToPdfOptions {
  /** The Chromium executable; default $CHROMIUM_PATH, else /usr/bin/chromium. */
  chromiumPath?: string;
  /** Give up (and kill Chromium) after this long; default 30 s. */
  timeoutMs?: number;
  /** Folder in which the per-call temp folder is made; default the OS temp folder. */
  tempParent?: string;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const STDERR_TAIL_CHARS = 2000;

// Without the networking flags a headless Chromium keeps trying to reach Google's services.
const QUIET_FLAGS = [
  '--no-first-run', '--no-default-browser-check', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--disable-quic', '--disable-extensions', '--disable-dev-shm-usage',
];

/** Kills the process group Chromium leads (its renderer and helper processes too). */
function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(process.platform === 'win32' ? pid : -pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/** Prints `html` to PDF with headless Chromium and returns the PDF's bytes. */
export async function htmlToPdfWithChromium(html: string, options: HtmlToPdfOptions = {}): Promise<Uint8Array> {
  const chromiumPath = options.chromiumPath ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  try {
    await access(chromiumPath, constants.X_OK);
  } catch {
    throw new Error(`Chromium not found (or not executable) at ${chromiumPath}: install it (apt-get install chromium) or set CHROMIUM_PATH`);
  }
  const dir = await mkdtemp(join(options.tempParent ?? tmpdir(), 'cuadra-pdf-'));
  try {
    const htmlPath = join(dir, 'report.html');
    const pdfPath = join(dir, 'report.pdf');
    await writeFile(htmlPath, html, 'utf8');
    const args = [
      '--headless',
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
      '--disable-gpu',
      '--no-pdf-header-footer',
      `--user-data-dir=${join(dir, 'profile')}`,
      ...QUIET_FLAGS,
      `--print-to-pdf=${pdfPath}`,
      pathToFileURL(htmlPath).href,
    ];
    await runChromium(chromiumPath, args, timeoutMs);
    let pdf: Buffer;
    try {
      pdf = await readFile(pdfPath);
    } catch {
      throw new Error(`Chromium at ${chromiumPath} exited without writing the PDF`);
    }
    if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-') throw new Error(`Chromium at ${chromiumPath} wrote a file that is not a PDF`);
    return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  } finally {
    await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  }
}

/** Runs Chromium to completion in its own process group; rejects on a failure exit or the timeout. */
function runChromium(chromiumPath: string, args: string[], timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(chromiumPath, args, { detached: process.platform !== 'win32', stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-STDERR_TAIL_CHARS);
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid);
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`Chromium at ${chromiumPath} could not be started: ${error.message}`));
    });
    // 'exit', not 'close': a helper that outlives the browser could hold stderr open.
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      // Helpers (zygote, crashpad) that outlive the browser process share its group.
      killGroup(child.pid);
      if (timedOut) reject(new Error(`Chromium at ${chromiumPath} did not finish printing the PDF within ${timeoutMs} ms and was stopped`));
      else if (code === 0) resolve();
      else reject(new Error(`Chromium at ${chromiumPath} failed (${signal ?? `exit code ${code}`}): ${stderr.trim().split('\n').slice(-5).join(' | ')}`));
    });
  });
}
