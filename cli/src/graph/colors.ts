/** One palette for the three graph formats, so a red edge means the same everywhere. */
export const COLORS = {
  error: "#d1242f",
  warning: "#bf8700",
  ok: "#57606a",
  crossStore: "#8250df",
  sqlFill: "#ddf4ff",
  sqlStroke: "#0969da",
  mongoFill: "#dafbe1",
  mongoStroke: "#1a7f37",
  missingFill: "#ffebe9",
  text: "#1f2328",
  muted: "#656d76",
} as const;
