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
