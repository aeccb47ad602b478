// Dates as Chinese office staff read them, in China time whatever the server's zone.
const dateTime = new Intl.DateTimeFormat("zh-CN", {
  timeZone: "Asia/Shanghai",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hour12: false,
});

export function formatDateTime(d: Date | number | null | undefined): string {
  if (d == null) return "—";
  return dateTime.format(typeof d === "number" ? new Date(d) : d);
}

// hh:mm or hh:mm:ss, 24-hour, China time. toLocaleTimeString would differ between the server's ICU
// and old browser kernels (「下午01:40:46」) and so break hydration.
const time = new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
const timeSeconds = new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" });

export function formatTime(d: Date, opts: { seconds?: boolean } = {}): string {
  return (opts.seconds ? timeSeconds : time).format(d);
}
