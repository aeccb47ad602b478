// Dates as Chinese office staff read them, in China time whatever the server's zone.
// Each formatter is made on its first use, not when the module loads: making one loads the time
// zone's ICU data, which cost ~70 ms of the editor page's first load in Chromium (its save status
// imports this module and shows no time until the first save).
function lazy(options: Intl.DateTimeFormatOptions): () => Intl.DateTimeFormat {
  let f: Intl.DateTimeFormat | undefined;
  return () => (f ??= new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", ...options }));
}
const dateTime = lazy({ year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hour12: false });

export function formatDateTime(d: Date | number | null | undefined): string {
  if (d == null) return "—";
  return dateTime().format(typeof d === "number" ? new Date(d) : d);
}

// hh:mm or hh:mm:ss, 24-hour, China time. toLocaleTimeString would differ between the server's ICU
// and old browser kernels (「下午01:40:46」) and so break hydration.
const time = lazy({ hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
const timeSeconds = lazy({ hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" });

export function formatTime(d: Date, opts: { seconds?: boolean } = {}): string {
  return (opts.seconds ? timeSeconds : time)().format(d);
}
