import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";

// Child processes for the benchmark: start, wait until they answer, measure, stop.

export type Proc = {
  child: ChildProcess;
  pid: number;
  stop: () => Promise<void>;
  /** The last 20 KB of stdout and stderr together. */
  output: () => string;
  stdout: () => string;
};

export function start(
  command: string,
  args: string[],
  options: { env?: Record<string, string>; cwd?: string } = {},
): Proc {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  let stdout = "";
  const keep = (d: Buffer) => {
    output = (output + d.toString("utf8")).slice(-20_000);
  };
  child.stdout?.on("data", (d: Buffer) => {
    stdout = (stdout + d.toString("utf8")).slice(-20_000);
    keep(d);
  });
  child.stderr?.on("data", keep);
  return {
    child,
    pid: child.pid!,
    output: () => output,
    stdout: () => stdout,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        try {
          process.kill(-child.pid!, "SIGTERM");
        } catch {
          resolve();
        }
        setTimeout(() => {
          try {
            process.kill(-child.pid!, "SIGKILL");
          } catch {
            // already gone
          }
        }, 15_000).unref();
      }),
  };
}

export async function waitForHttp(url: string, proc?: Proc, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc && proc.child.exitCode !== null) throw new Error(`process exited:\n${proc.output()}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer in time${proc ? `:\n${proc.output()}` : ""}`);
}

/** Resident memory of one process, in MB. */
export function rssMb(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return Math.round(kb / 1024);
  } catch {
    return 0;
  }
}

/** The process and its descendants (npm → sh → tsx → node), and the node process using the most memory. */
export function treeRssMb(root: number): { total: number; largest: number; processes: number } {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // gone
    }
  }
  const all: number[] = [];
  const visit = (pid: number) => {
    all.push(pid);
    for (const c of children.get(pid) ?? []) visit(c);
  };
  visit(root);
  const sizes = all.map(rssMb);
  return { total: sizes.reduce((a, b) => a + b, 0), largest: Math.max(...sizes), processes: all.length };
}

/** Samples a process tree's memory every second until stopped; returns the peak. */
export function sampleMemory(root: number) {
  let peak = { total: 0, largest: 0, processes: 0 };
  const timer = setInterval(() => {
    const m = treeRssMb(root);
    if (m.largest > peak.largest) peak = m;
  }, 1000);
  return { stop: () => (clearInterval(timer), peak) };
}

export async function runJson<T>(command: string, args: string[], env: Record<string, string> = {}): Promise<T> {
  const proc = start(command, args, { env });
  await new Promise<void>((resolve) => proc.child.once("exit", () => resolve()));
  // The result is the last JSON document printed, compact or indented: from the last line
  // that opens an object at column 0 to the end.
  const lines = proc.stdout().trimEnd().split("\n");
  const from = lines.findLastIndex((l) => l.startsWith("{"));
  try {
    return JSON.parse(lines.slice(Math.max(from, 0)).join("\n")) as T;
  } catch {
    throw new Error(`${command} ${args.join(" ")} printed no JSON:\n${proc.output()}`);
  }
}
