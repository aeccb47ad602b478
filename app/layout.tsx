import type { Metadata } from "next";
import { headers } from "next/headers";
import { LiveMark } from "@/components/live-mark";
import { BROWSER_MESSAGES } from "@/lib/browser-support";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "年报 · 政府信息公开工作年度报告", template: "%s · 年报" },
  description: "政府信息公开工作年度报告的填报、校验、审核与发布",
  // 360 and 奇安信 open a site in their Chromium (极速) kernel when asked to.
  other: { renderer: "webkit", "force-rendering": "webkit" },
};

/** The per-request nonce proxy.ts put into the page's CSP: our one script of our own must carry it. */
async function scriptNonce(): Promise<string | undefined> {
  const csp = (await headers()).get("content-security-policy") ?? "";
  return /'nonce-([^']+)'/.exec(csp)?.[1];
}

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const nonce = await scriptNonce();
  return (
    <html lang="zh-CN">
      <head>
        {/* IE and browsers in IE 兼容模式: use the newest engine they have (must come early). */}
        <meta httpEquiv="X-UA-Compatible" content="IE=edge,chrome=1" />
        {/* Runs before the app's chunks: warns browsers below the floor and pages whose scripts fail. */}
        <script src="/browser-check.js" nonce={nonce} suppressHydrationWarning />
      </head>
      <body>
        <noscript>
          <div className="browser-warning">{BROWSER_MESSAGES.noscript}</div>
        </noscript>
        <LiveMark />
        {children}
      </body>
    </html>
  );
}
