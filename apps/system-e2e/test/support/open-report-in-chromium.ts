import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

/** What a real browser made of report.html. */
export interface ReportInBrowser {
  /** console.error messages and uncaught page errors: a correct report has none. */
  errors: string[];
  /** Every URL the page asked for besides the report itself: a self-contained report asks for none. */
  requests: string[];
  /** Each `figure.chart`: its id, the points it claims, and what was actually drawn in it. */
  charts: { id: string; points: number; svgs: number; paths: number; width: number; height: number }[];
  /** The text of the verdicts section, or null when there is none. */
  verdicts: string | null;
  /** The banner's kind (complete, invalid-cells, incomplete), or null. */
  banner: string | null;
}

/**
 * Flags for a machine without network: Chromium's background services (component updates,
 * safe browsing, sync, QUIC probes...) try to connect at start-up, and a closed network refuses
 * them loudly; none of them matters to rendering a local file.
 */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The Chromium to drive: PAYBENCH_CHROMIUM, or Debian's package. Missing is an error, never a skip. */
export function chromiumPath(): string {
  const path = process.env['PAYBENCH_CHROMIUM'] ?? '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new Error(
      `no Chromium at ${path}: install it (apt-get install -y chromium) or set PAYBENCH_CHROMIUM to a Chromium executable`,
    );
  }
  return path;
}

/**
 * Opens a report.html from disk (file://) in headless Chromium, as a reviewer would open it,
 * collects what went wrong and what was drawn, and saves a full-page screenshot.
 */
export async function openReportInChromium(reportFile: string, screenshotFile: string): Promise<ReportInBrowser> {
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    const requests: string[] = [];
    const url = pathToFileURL(reportFile).href;
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => errors.push(`page: ${error.message}`));
    page.on('request', (request) => {
      if (request.url() !== url) requests.push(request.url());
    });
    await page.goto(url, { waitUntil: 'load' });
    const charts = await page.$$eval('figure.chart', (figures) =>
      figures.map((figure) => {
        const svg = figure.querySelector('svg');
        const box = svg?.getBoundingClientRect();
        return {
          id: figure.getAttribute('data-chart') ?? '',
          points: Number(figure.getAttribute('data-points')),
          svgs: figure.querySelectorAll('svg').length,
          // Drawn shapes with geometry: axes, bars, lines, heat-map cells.
          paths: [...figure.querySelectorAll('svg path')].filter((p) => (p.getAttribute('d') ?? '').length > 0).length,
          width: box?.width ?? 0,
          height: box?.height ?? 0,
        };
      }),
    );
    const verdicts = await page.$eval('section#verdicts', (section) => section.textContent ?? '').catch(() => null);
    const banner = await page
      .$eval('[data-banner]', (element) => element.getAttribute('data-banner'))
      .catch(() => null);
    await page.screenshot({ path: screenshotFile, fullPage: true, timeout: 60_000 });
    return { errors, requests, charts, verdicts, banner };
  } finally {
    await browser.close();
  }
}
