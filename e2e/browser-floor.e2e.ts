// What a person sees when the browser cannot run the app: a Chinese explanation with what to do,
// never a form that silently swallows typing. And in a browser that can: typing is only possible
// once the editor is live, and loading the editor raises no error (the hydration mismatch #418
// the server's clock used to cause).
import { expect, test, type Page } from "@playwright/test";
import { signInAndExpectHome, testAgency } from "./helpers";

const OLD_360 = "Mozilla/5.0 (Windows NT 10.0; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/78.0.3904.108 Safari/537.36 QIHU 360SE";
const IE_COMPAT = "Mozilla/4.0 (compatible; MSIE 7.0; Windows NT 10.0; WOW64; Trident/7.0; .NET4.0C; .NET4.0E; QIHU 360SE)";

const banner = (page: Page) => page.locator("#browser-warning");

test.describe("browser floor: the page says what is wrong", () => {
  test("a kernel below Chromium 86 is told to upgrade or switch to 极速模式", async ({ browser }) => {
    const ctx = await browser.newContext({ userAgent: OLD_360 });
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto("/login");
    await expect(banner(page)).toBeVisible();
    await expect(banner(page)).toContainText("内核版本过低");
    await expect(banner(page)).toContainText("极速模式");
    // The banner is not React's: hydrating the page neither removes it nor fails over it.
    await expect(page.locator("html")).toHaveAttribute("data-live", "1");
    await expect(banner(page)).toBeVisible();
    expect(errors).toEqual([]);
    await ctx.close();
  });

  test("IE 兼容模式 is told to switch to 极速模式; the page asks 360/奇安信 for the webkit kernel", async ({ browser }) => {
    const ctx = await browser.newContext({ userAgent: IE_COMPAT });
    const page = await ctx.newPage();
    await page.goto("/login");
    await expect(banner(page)).toContainText("兼容模式");
    await expect(page.locator('meta[name="renderer"]')).toHaveAttribute("content", "webkit");
    await expect(page.locator('meta[http-equiv="X-UA-Compatible"]')).toHaveAttribute("content", /IE=edge/);
    await ctx.close();
  });

  test("a supported browser sees no banner", async ({ page }) => {
    await page.goto("/login");
    await expect(page.locator("html")).toHaveAttribute("data-live", "1");
    await expect(banner(page)).toBeHidden();
  });

  test("when the app's scripts cannot load, the editor stays locked and the page says so", async ({ page }) => {
    testAgency("示范市脚本失败测试局", "e2e-noscript", [{ login: "noscript-drafter", role: "drafter" }]);
    await signInAndExpectHome(page, "noscript-drafter", "/reports");
    await page.getByLabel("报告年度").selectOption("2024");
    await page.getByRole("button", { name: "新建 / 打开" }).click();
    await expect(page).toHaveURL(/\/reports\/\d+$/);
    const url = page.url();
    // Now the same page with every script chunk failing (a proxy, a broken cache, an old kernel).
    await page.route("**/_next/static/chunks/**/*.js", (route) => route.abort());
    await page.goto(url);
    const input = page.locator('[data-cell="applications.received.natural"]');
    await expect(input).toBeDisabled();
    await expect(page.getByTestId("save-status")).toHaveText("编辑器加载中，暂不能输入…");
    await expect(banner(page)).toContainText("页面脚本未能加载或运行", { timeout: 15_000 });
    // A person clicks and types anyway: nothing is accepted that could then be lost.
    await input.click({ force: true });
    await page.keyboard.type("42");
    await expect(input).toHaveValue("");
  });
});

test.describe("the editor before and after hydration", () => {
  test("keystrokes sent before hydration are never accepted; once live, typing works; no error on load", async ({ page }) => {
    testAgency("示范市水合测试局", "e2e-hydrate", [{ login: "hydrate-drafter", role: "drafter" }]);
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    await signInAndExpectHome(page, "hydrate-drafter", "/reports");
    await page.getByLabel("报告年度").selectOption("2024");
    await page.getByRole("button", { name: "新建 / 打开" }).click();
    await expect(page).toHaveURL(/\/reports\/\d+$/);
    const url = page.url();

    // Hold the app's scripts back, as a slow office network does, and type while they are held.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    await page.route("**/_next/static/chunks/**/*.js", async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(url, { waitUntil: "commit" });
    const input = page.locator('[data-cell="applications.received.natural"]');
    await input.waitFor();
    await expect(input).toBeDisabled();
    await input.click({ force: true });
    await page.keyboard.type("77");
    await expect(input).toHaveValue("");
    release();
    await expect(input).toBeEnabled({ timeout: 20_000 });
    await expect(input).toHaveValue("");
    await page.unroute("**/_next/static/chunks/**/*.js");

    await input.fill("8");
    await expect(page.getByTestId("save-status")).toHaveAttribute("data-state", "saved", { timeout: 15_000 });
    await page.reload();
    await expect(input).toHaveValue("8");
    await expect(input).toBeEnabled();
    await expect(page.getByTestId("server-validation")).toContainText("服务器校验（打开时）");
    expect(errors).toEqual([]);
  });
});
