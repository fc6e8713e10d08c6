import { createRequire } from "node:module";
import { expect, type Page } from "@playwright/test";

// Accessibility checks for the browser tests: axe-core (WCAG 2.2 A and AA rules) on the page
// as it is, and horizontal overflow at a given width (WCAG 1.4.10 reflow).

const axeSource = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

type Violation = { id: string; impact: string | null; help: string; nodes: { target: string[] }[] };

/** Fails with every violation, its rule and where, in the message. */
export async function expectNoAxeViolations(page: Page, state: string): Promise<void> {
  await page.addScriptTag({ path: axeSource });
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run: (ctx: Document, opts: unknown) => Promise<{ violations: Violation[] }> } }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target })),
    }));
  });
  expect(violations, `${state}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
}

/** Fails when the page scrolls sideways at its current width. */
export async function expectNoHorizontalOverflow(page: Page, state: string): Promise<void> {
  const overflow = await page.evaluate(() => {
    const root = document.documentElement;
    // Elements inside a scrolling box (a wide table in its scroll container) do not widen the page.
    const clipped = (el: Element) => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        if (["auto", "scroll", "hidden"].includes(getComputedStyle(p).overflowX)) return true;
      }
      return false;
    };
    const wide = [...document.querySelectorAll<HTMLElement>("body *")]
      .filter((el) => el.getBoundingClientRect().right > root.clientWidth + 1 && !clipped(el))
      .slice(-3)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className} (${Math.round(el.getBoundingClientRect().right)} px)`);
    return { scroll: root.scrollWidth, width: root.clientWidth, wide };
  });
  expect(
    overflow.scroll,
    `${state}: ${overflow.scroll} px wide in ${overflow.width} px: ${overflow.wide.join(", ")}`,
  ).toBeLessThanOrEqual(overflow.width);
}
