"use client";
// Marks the document as live (<html data-live="1">) once React has hydrated: the page script from
// /browser-check.js reads it to tell a page whose scripts never ran from one that works, and
// withdraws its 「脚本未能运行」 banner if hydration merely came late.
import { useEffect } from "react";

export function LiveMark() {
  useEffect(() => {
    document.documentElement.setAttribute("data-live", "1");
    const warning = document.getElementById("browser-warning");
    if (warning?.getAttribute("data-kind") === "failed") warning.remove();
  }, []);
  return null;
}
