/**
 * Dashboard front-end benchmark: how much JavaScript each page makes a browser download, and how
 * fast the Integrations page answers and paints.
 *
 * Prints one JSON object with:
 *  1. `pages`: first-load JavaScript of every page route of the production build (the routes come
 *     from .next/app-path-routes-manifest.json), fetched as a signed-in user: alice (org owner) for
 *     the org pages, the platform admin for /admin, nobody for /sign-in. A page's JS is every
 *     /_next/static/**.js its HTML makes the browser load: <script src>, <link rel=preload|modulepreload>
 *     and the chunk URLs in the inline RSC payload. Each file is fetched once and gzipped with zlib at
 *     level 9 (what `next build` used to report). `noModule` polyfills are reported apart and left out
 *     of the total: modern browsers skip them. Redirecting routes (/, /orgs/[orgHandle]) are listed
 *     with their target instead. kB = 1000 bytes.
 *  2. `bareNext`: the same figure for bench/dashboard/bare-app (one page, one "use client" counter),
 *     built and started with the repository's own Next: the floor any App Router page pays.
 *  3. `integrationsBrowser`: TTFB (Navigation Timing) and LCP (PerformanceObserver, buffered) of the
 *     Integrations page in headless Chromium, 5 navigations, each in a fresh browser context (cold
 *     HTTP cache, warm server); median and max.
 *
 * Run from the repository root, after a production build:
 *   npm run build && npx tsx bench/dashboard/measure.ts
 *
 * It starts `node dist/server.js` on a fresh embedded database with demo data in a temp dir, creates
 * one drain for the drain detail page, then builds and starts the bare app. At the end it stops both
 * servers and removes the temp dir and the bare app's build output (left in the tree, bare-app/.next
 * would be linted by `npm run lint`). Progress goes to stderr, the JSON to stdout.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { chromium } from "@playwright/test";
import { z } from "zod";

const REPO = path.resolve(import.meta.dirname, "../..");
const BARE_APP = path.join(import.meta.dirname, "bare-app");
const NEXT_BIN = path.join(REPO, "node_modules/next/dist/bin/next");
const APP_PORT = 3411;
const BARE_PORT = 3412;

const SESSION_COOKIE = "tdash_session";
const PASSWORD = "trace-drain-demo";
const USERS = { alice: "alice@acme.example", admin: "admin@platform.example" } as const;
const ORG_HANDLE = "acme-health";
const ENV_HANDLE = "acme-production";
const INTEGRATIONS_PATH = `/orgs/${ORG_HANDLE}/environments/${ENV_HANDLE}/integrations`;

/**
 * Base URLs tried for the bench drain, in order. The SSRF guard resolves every host name, even an
 * allowlisted one, so without DNS cloud.langfuse.com is refused; a public IP literal is accepted
 * without a lookup. Nothing is ever delivered to it: the benchmark sends no traces.
 */
const DRAIN_BASE_URLS = ["https://cloud.langfuse.com", "https://1.1.1.1"];

const BROWSER_RUNS = 5;
const CHROMIUM_PATH = "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

type Who = "alice" | "admin" | "anonymous";
type Session = { name: string; value: string; header: string };
type Sessions = Record<Exclude<Who, "anonymous">, Session>;

type ChunkSize = { file: string; rawBytes: number; gzipBytes: number; gzipKB: number };
type ChunkSource = "script" | "preload" | "rsc-payload";
type ChunkRef = { url: string; source: ChunkSource; noModule: boolean };

type FirstLoadJs = {
  gzipBytes: number;
  gzipKB: number;
  rawBytes: number;
  rawKB: number;
  chunks: number;
  /** Chunks found only in the inline RSC payload (no script tag or preload link). */
  chunksOnlyInRscPayload: number;
  /** `<script noModule>` polyfills: not in the total, modern browsers skip them. */
  noModuleGzipBytes: number;
  top5: ChunkSize[];
};

type PageResult = {
  route: string;
  path: string;
  as: Who;
  status: number;
  redirectsTo?: string;
  firstLoadJs?: FirstLoadJs;
  /** gzipKB minus the bare Next page's. */
  overBareNextKB?: number;
};

type Stat = { median: number | null; max: number | null; samples: number[] };

// ---------------------------------------------------------------------------------------------
// Small utilities

const log = (message: string) => process.stderr.write(`[dashboard-bench] ${message}\n`);
const kB = (bytes: number) => Math.round(bytes / 100) / 10;
const round1 = (n: number) => Math.round(n * 10) / 10;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function stat(values: number[]): Stat {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return { median: null, max: null, samples: [] };
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median: round1(median), max: round1(sorted.at(-1)!), samples: values.map(round1) };
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The preferred port when it is free, else any free port. */
async function freePort(preferred: number): Promise<number> {
  const tryListen = (port: number) =>
    new Promise<number | null>((resolve) => {
      const server = net.createServer();
      server.once("error", () => resolve(null));
      server.listen(port, "127.0.0.1", () => {
        const address = server.address();
        const bound = typeof address === "object" && address ? address.port : null;
        server.close(() => resolve(bound));
      });
    });
  const port = (await tryListen(preferred)) ?? (await tryListen(0));
  if (port === null) throw new Error("no free TCP port");
  return port;
}

// ---------------------------------------------------------------------------------------------
// Child processes

type Child = { stop: () => Promise<void>; exited: () => boolean; output: () => string };

/** Starts `node <args>` in its own process group, keeping the last 20 KB of its output. */
function startNode(args: string[], env: Record<string, string>, cwd = REPO): Child {
  const child = spawn(process.execPath, args, {
    cwd,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  const keep = (data: Buffer) => {
    output = (output + data.toString("utf8")).slice(-20_000);
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  const signal = (sig: NodeJS.Signals) => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, sig);
    } catch {
      // already gone
    }
  };
  const stop = () =>
    new Promise<void>((resolve) => {
      if (exited()) return resolve();
      const kill = setTimeout(() => signal("SIGKILL"), 15_000);
      child.once("exit", () => {
        clearTimeout(kill);
        resolve();
      });
      signal("SIGTERM");
    });
  return { stop, exited, output: () => output };
}

async function waitForExit(child: Child, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!child.exited()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms:\n${child.output()}`);
    await sleep(200);
  }
}

async function waitForOk(url: string, child: Child, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exited()) throw new Error(`server exited before ${url} answered:\n${child.output()}`);
    try {
      if ((await fetch(url)).status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs} ms:\n${child.output()}`);
}

// ---------------------------------------------------------------------------------------------
// The dashboard's REST API

const organizationsResponse = z.object({ organizations: z.array(z.object({ id: z.string(), handle: z.string() })) });
const environmentsResponse = z.object({ environments: z.array(z.object({ id: z.string(), handle: z.string() })) });
const createdDrainResponse = z.object({ drain: z.object({ id: z.string() }) });

async function signIn(base: string, email: string): Promise<Session> {
  const res = await fetch(`${base}/api/auth/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  if (!res.ok || !cookie) throw new Error(`sign-in as ${email} failed: ${res.status} ${await res.text()}`);
  const pair = cookie.split(";")[0]!;
  return { name: SESSION_COOKIE, value: pair.slice(SESSION_COOKIE.length + 1), header: pair };
}

async function getJson<T>(url: string, session: Session, schema: z.ZodType<T>): Promise<T> {
  const res = await fetch(url, { headers: { cookie: session.header } });
  if (!res.ok) throw new Error(`GET ${url}: ${res.status} ${await res.text()}`);
  return schema.parse(await res.json());
}

async function environmentId(base: string, session: Session): Promise<string> {
  const { organizations } = await getJson(`${base}/api/organizations`, session, organizationsResponse);
  const org = organizations.find((o) => o.handle === ORG_HANDLE);
  if (!org) throw new Error(`organization ${ORG_HANDLE} not found`);
  const url = `${base}/api/organizations/${org.id}/environments`;
  const { environments } = await getJson(url, session, environmentsResponse);
  const env = environments.find((e) => e.handle === ENV_HANDLE);
  if (!env) throw new Error(`environment ${ENV_HANDLE} not found`);
  return env.id;
}

type BenchDrain = { id: string; baseUrl: string; refused: string[] } | { skipped: string };

/** Creates the drain whose detail page is measured; tries each of DRAIN_BASE_URLS. */
async function createBenchDrain(base: string, session: Session): Promise<BenchDrain> {
  const refused: string[] = [];
  try {
    const envId = await environmentId(base, session);
    for (const baseUrl of DRAIN_BASE_URLS) {
      const res = await fetch(`${base}/api/environments/${envId}/llm-trace-drains`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie: session.header },
        body: JSON.stringify({
          type: "langfuse",
          handle: "bench",
          baseUrl,
          publicKey: "pk-lf-0123456789",
          secretKey: "sk-lf-0123456789",
          acknowledgeContentForwarding: true,
        }),
      });
      if (res.status === 201) {
        const { drain } = createdDrainResponse.parse(await res.json());
        return { id: drain.id, baseUrl, refused };
      }
      refused.push(`${baseUrl}: ${res.status} ${await res.text()}`);
    }
  } catch (err) {
    refused.push(errorMessage(err));
  }
  return { skipped: `could not create a drain, so the drain detail page is not measured: ${refused.join("; ")}` };
}

// ---------------------------------------------------------------------------------------------
// First-load JavaScript

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`, "i").exec(tag);
  const value = match?.[1] ?? match?.[2];
  return value?.replaceAll("&amp;", "&");
}

/** Every same-origin /_next/static/**.js the page's HTML makes the browser load. */
function chunkRefs(html: string, pageUrl: string): ChunkRef[] {
  const origin = new URL(pageUrl).origin;
  const refs = new Map<string, ChunkRef>();
  const add = (href: string | undefined, source: ChunkSource, noModule = false) => {
    if (!href) return;
    const url = new URL(href, pageUrl);
    if (url.origin !== origin || !url.pathname.startsWith("/_next/static/") || !url.pathname.endsWith(".js")) return;
    const existing = refs.get(url.href);
    // A chunk that is also loaded as a module counts as a module.
    if (!existing || (existing.noModule && !noModule)) refs.set(url.href, { url: url.href, source, noModule });
  };
  for (const [tag] of html.matchAll(/<script\b[^>]*>/gi)) {
    add(attribute(tag, "src"), "script", /\snomodule\b/i.test(tag));
  }
  for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
    const rel = attribute(tag, "rel")?.toLowerCase().split(/\s+/) ?? [];
    if (rel.includes("preload") || rel.includes("modulepreload")) add(attribute(tag, "href"), "preload");
  }
  // Client component chunks named in the RSC payload (escaped JSON inside inline scripts).
  for (const [href] of html.matchAll(/\/_next\/static\/[^"'\\\s<>?#]+\.js\b/g)) {
    if (!refs.has(new URL(href, pageUrl).href)) add(href, "rsc-payload");
  }
  return [...refs.values()];
}

/** Fetches and gzips each chunk once, however many pages load it. */
function chunkSizer(): (url: string) => Promise<ChunkSize> {
  const cache = new Map<string, Promise<ChunkSize>>();
  const measure = async (url: string): Promise<ChunkSize> => {
    const res = await fetch(url);
    if (!res.ok) throw new Error(`GET ${url}: ${res.status}`);
    const body = Buffer.from(await res.arrayBuffer());
    const gzipBytes = zlib.gzipSync(body, { level: 9 }).length;
    return { file: new URL(url).pathname, rawBytes: body.length, gzipBytes, gzipKB: kB(gzipBytes) };
  };
  return (url) => {
    let size = cache.get(url);
    if (!size) {
      size = measure(url);
      cache.set(url, size);
    }
    return size;
  };
}

async function firstLoadJs(html: string, pageUrl: string, sizeOf: (url: string) => Promise<ChunkSize>) {
  const refs = chunkRefs(html, pageUrl);
  const sized = await Promise.all(refs.map(async (ref) => ({ ref, size: await sizeOf(ref.url) })));
  const modern = sized.filter((s) => !s.ref.noModule);
  const sum = (list: typeof sized, key: "rawBytes" | "gzipBytes") => list.reduce((n, s) => n + s.size[key], 0);
  const gzipBytes = sum(modern, "gzipBytes");
  const rawBytes = sum(modern, "rawBytes");
  const result: FirstLoadJs = {
    gzipBytes,
    gzipKB: kB(gzipBytes),
    rawBytes,
    rawKB: kB(rawBytes),
    chunks: modern.length,
    chunksOnlyInRscPayload: modern.filter((s) => s.ref.source === "rsc-payload").length,
    noModuleGzipBytes: sum(
      sized.filter((s) => s.ref.noModule),
      "gzipBytes",
    ),
    top5: modern
      .map((s) => s.size)
      .sort((a, b) => b.gzipBytes - a.gzipBytes)
      .slice(0, 5),
  };
  return result;
}

async function measurePage(
  base: string,
  route: string,
  pagePath: string,
  as: Who,
  session: Session | undefined,
  sizeOf: (url: string) => Promise<ChunkSize>,
): Promise<PageResult> {
  const url = `${base}${pagePath}`;
  const res = await fetch(url, { headers: session ? { cookie: session.header } : {}, redirect: "manual" });
  const result: PageResult = { route, path: pagePath, as, status: res.status };
  const location = res.headers.get("location");
  if (res.status >= 300 && res.status < 400 && location) {
    const target = new URL(location, url);
    return { ...result, redirectsTo: target.origin === base ? target.pathname + target.search : target.href };
  }
  if (!res.ok) throw new Error(`GET ${pagePath} as ${as}: ${res.status}`);
  return { ...result, firstLoadJs: await firstLoadJs(await res.text(), url, sizeOf) };
}

/** Page routes of the build (not API routes, not Next's internal /_not-found and /_global-error). */
function pageRoutes(): string[] {
  const manifestPath = path.join(REPO, ".next/app-path-routes-manifest.json");
  const manifest = z.record(z.string(), z.string()).parse(JSON.parse(fs.readFileSync(manifestPath, "utf8")));
  return Object.entries(manifest)
    .filter(([entry, route]) => entry.endsWith("/page") && !route.startsWith("/_"))
    .map(([, route]) => route)
    .sort();
}

function whoVisits(route: string): Who {
  if (route === "/admin" || route.startsWith("/admin/")) return "admin";
  if (route === "/sign-in") return "anonymous";
  return "alice";
}

async function measureAppPages(base: string, sessions: Sessions, drain: BenchDrain) {
  const params: Record<string, string> = { orgHandle: ORG_HANDLE, envHandle: ENV_HANDLE };
  if ("id" in drain) params.drainId = drain.id;
  const sizeOf = chunkSizer();
  const pages: PageResult[] = [];
  const skipped: { route: string; reason: string }[] = [];
  for (const route of pageRoutes()) {
    const missing = [...route.matchAll(/\[([^\]]+)\]/g)].map((m) => m[1]!).filter((p) => !(p in params));
    if (missing.length > 0) {
      const reason =
        "skipped" in drain && missing.includes("drainId") ? drain.skipped : `no value for ${missing.join(", ")}`;
      skipped.push({ route, reason });
      continue;
    }
    const pagePath = route.replace(/\[([^\]]+)\]/g, (_, name: string) => params[name]!);
    const as = whoVisits(route);
    log(`first-load JS of ${pagePath} as ${as}`);
    pages.push(await measurePage(base, route, pagePath, as, as === "anonymous" ? undefined : sessions[as], sizeOf));
  }
  return { pages, skipped };
}

// ---------------------------------------------------------------------------------------------
// The bare Next page

function removeBareBuild(): void {
  fs.rmSync(path.join(BARE_APP, ".next"), { recursive: true, force: true });
  fs.rmSync(path.join(BARE_APP, "next-env.d.ts"), { force: true });
}

async function measureBareNext(): Promise<PageResult> {
  removeBareBuild();
  log("building bench/dashboard/bare-app");
  const build = startNode([NEXT_BIN, "build", BARE_APP], { NEXT_TELEMETRY_DISABLED: "1" });
  await waitForExit(build, 300_000);
  if (!fs.existsSync(path.join(BARE_APP, ".next/BUILD_ID")))
    throw new Error(`bare app build failed:\n${build.output()}`);
  const port = await freePort(BARE_PORT);
  const server = startNode([NEXT_BIN, "start", "-p", String(port), BARE_APP], { NEXT_TELEMETRY_DISABLED: "1" });
  try {
    const base = `http://localhost:${port}`;
    await waitForOk(`${base}/`, server);
    log("first-load JS of the bare Next page");
    return await measurePage(base, "/", "/", "anonymous", undefined, chunkSizer());
  } finally {
    await server.stop();
  }
}

// ---------------------------------------------------------------------------------------------
// TTFB and LCP in Chromium

type PaintSample = { ttfbMs: number; ttfbFromStartMs: number; lcpMs: number | null; lcpElement: string | null };

/** Runs in the page. Self-contained: Playwright sends its source text to the browser. */
async function readPaintTimings(): Promise<PaintSample> {
  const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
  const lcp = await new Promise<LargestContentfulPaint | null>((resolve) => {
    let last: LargestContentfulPaint | null = null;
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) last = entry as LargestContentfulPaint;
    });
    observer.observe({ type: "largest-contentful-paint", buffered: true });
    // Buffered entries arrive in a task after observe(); give them time to be delivered.
    setTimeout(() => {
      observer.disconnect();
      resolve(last);
    }, 300);
  });
  const element = lcp?.element;
  return {
    ttfbMs: nav.responseStart - nav.requestStart,
    ttfbFromStartMs: nav.responseStart - nav.startTime,
    lcpMs: lcp ? lcp.startTime : null,
    lcpElement: element
      ? `${element.tagName.toLowerCase()}: ${(element.textContent ?? "").trim().slice(0, 60)}`
      : (lcp?.url ?? null),
  };
}

async function measureIntegrationsInBrowser(base: string, session: Session) {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  const samples: PaintSample[] = [];
  try {
    for (let run = 0; run < BROWSER_RUNS; run++) {
      const context = await browser.newContext();
      try {
        await context.addCookies([{ name: session.name, value: session.value, url: base }]);
        const page = await context.newPage();
        const res = await page.goto(`${base}${INTEGRATIONS_PATH}`, { waitUntil: "load" });
        if (!res?.ok() || new URL(page.url()).pathname !== INTEGRATIONS_PATH) {
          throw new Error(`navigation to ${INTEGRATIONS_PATH} ended at ${page.url()} (${res?.status()})`);
        }
        samples.push(await page.evaluate(readPaintTimings));
      } finally {
        await context.close();
      }
    }
  } finally {
    await browser.close();
  }
  const lcps = samples.map((s) => s.lcpMs).filter((v): v is number => v !== null);
  return {
    path: INTEGRATIONS_PATH,
    runs: BROWSER_RUNS,
    method: "headless Chromium, a fresh context (cold HTTP cache) per navigation, waitUntil=load",
    ttfbMs: { definition: "responseStart - requestStart", ...stat(samples.map((s) => s.ttfbMs)) },
    ttfbFromNavigationStartMs: {
      definition: "responseStart - startTime",
      ...stat(samples.map((s) => s.ttfbFromStartMs)),
    },
    lcpMs: { definition: "last largest-contentful-paint entry after load", ...stat(lcps) },
    lcpRunsWithoutEntry: samples.length - lcps.length,
    lcpElements: [...new Set(samples.map((s) => s.lcpElement))],
  };
}

// ---------------------------------------------------------------------------------------------
// Main

function assertBuilt(): void {
  const missing = ["dist/server.js", ".next/BUILD_ID"].filter((f) => !fs.existsSync(path.join(REPO, f)));
  if (missing.length === 0) return;
  process.stderr.write(
    `The production build is missing (${missing.join(", ")}). Run \`npm run build\` first, then:\n` +
      "  npx tsx bench/dashboard/measure.ts\n",
  );
  process.exit(1);
}

async function main(): Promise<void> {
  assertBuilt();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "dashboard-bench-"));
  const cleanups: (() => Promise<void> | void)[] = [
    () => fs.rmSync(dataDir, { recursive: true, force: true }),
    removeBareBuild,
  ];
  // Last registered, first run; each runs once even when SIGINT and `finally` both get here.
  const cleanup = async () => {
    for (let fn = cleanups.pop(); fn; fn = cleanups.pop()) await fn();
  };
  process.once("SIGINT", () => void cleanup().finally(() => process.exit(130)));

  try {
    const port = await freePort(APP_PORT);
    const base = `http://localhost:${port}`;
    log(`starting dist/server.js on port ${port}, DATA_DIR=${dataDir}`);
    const server = startNode(["dist/server.js"], {
      NODE_ENV: "production",
      PORT: String(port),
      DATA_DIR: dataDir,
      DATABASE_URL: "", // always the embedded database
      NEXT_TELEMETRY_DISABLED: "1",
      SEED_DEMO_DATA: "true",
      LOG_LEVEL: "warn",
    });
    cleanups.push(server.stop);
    await waitForOk(`${base}/api/health`, server);

    const sessions: Sessions = { alice: await signIn(base, USERS.alice), admin: await signIn(base, USERS.admin) };
    const drain = await createBenchDrain(base, sessions.alice);
    const app = await measureAppPages(base, sessions, drain);
    log(`TTFB and LCP of ${INTEGRATIONS_PATH} in Chromium, ${BROWSER_RUNS} runs`);
    const integrationsBrowser = await measureIntegrationsInBrowser(base, sessions.alice);
    await server.stop();

    let bareNext: PageResult | { error: string };
    try {
      bareNext = await measureBareNext();
    } catch (err) {
      bareNext = { error: errorMessage(err) };
    }
    const bareKB = "firstLoadJs" in bareNext ? bareNext.firstLoadJs?.gzipKB : undefined;
    if (bareKB !== undefined) {
      for (const page of app.pages) {
        if (page.firstLoadJs) page.overBareNextKB = round1(page.firstLoadJs.gzipKB - bareKB);
      }
    }

    const nextVersion = z
      .object({ version: z.string() })
      .parse(JSON.parse(fs.readFileSync(path.join(REPO, "node_modules/next/package.json"), "utf8"))).version;
    const result = {
      measuredAt: new Date().toISOString(),
      next: nextVersion,
      buildId: fs.readFileSync(path.join(REPO, ".next/BUILD_ID"), "utf8").trim(),
      units: "kB = 1000 bytes; gzip = Node zlib level 9 of each .js file, summed per page",
      drain: "id" in drain ? { id: drain.id, baseUrl: drain.baseUrl, refusedBaseUrls: drain.refused } : drain,
      pages: app.pages,
      skippedPages: app.skipped,
      bareNext,
      integrationsBrowser,
    };
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await cleanup();
  }
}

await main();
